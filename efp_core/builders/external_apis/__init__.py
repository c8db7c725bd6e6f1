"""External APIs: third-party services (e.g. generative-AI APIs) whose per-request impacts are known."""
