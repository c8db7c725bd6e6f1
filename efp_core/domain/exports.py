"""The domain's public names, in one place for the top-level package."""
from efp_core.constants.countries import Countries
from efp_core.domain.country import Country
from efp_core.domain.hardware.device import Device
from efp_core.domain.hardware.gpu_server import GPUServer
from efp_core.domain.hardware.network import Network
from efp_core.domain.hardware.server import Server
from efp_core.domain.hardware.server_base import ServerBase, ServerTypes
from efp_core.domain.hardware.storage import Storage
from efp_core.domain.lifecycle_phases import LifeCyclePhases
from efp_core.domain.services.service import Service, ServiceJob
from efp_core.domain.services.video_streaming import VideoStreaming, VideoStreamingJob
from efp_core.domain.system import System
from efp_core.domain.usage.job import DirectServerJob, GPUJob, Job, JobBase
from efp_core.domain.usage.usage_journey import UsageJourney
from efp_core.domain.usage.usage_journey_step import UsageJourneyStep
from efp_core.domain.usage.usage_pattern import UsagePattern

__all__ = ["Countries", "Country", "Device", "DirectServerJob", "GPUJob", "GPUServer", "Job", "JobBase",
           "LifeCyclePhases", "Network", "Server", "ServerBase", "ServerTypes", "Service", "ServiceJob", "Storage",
           "System", "UsageJourney", "UsageJourneyStep", "UsagePattern", "VideoStreaming", "VideoStreamingJob"]
from efp_core.builders.hardware.boavizta_cloud_server import BoaviztaCloudServer  # noqa: E402
__all__ += ["BoaviztaCloudServer"]
from efp_core.analysis.sankey import ImpactRepartitionSankey  # noqa: E402
__all__ += ["ImpactRepartitionSankey"]

from efp_core.builders.external_apis.ecologits_external_api import (  # noqa: E402
    EcoLogitsGenAIExternalAPI,
    EcoLogitsGenAIExternalAPIJob,
    EcoLogitsGenAIExternalAPIServer,
)
from efp_core.builders.external_apis.external_api import ExternalAPI, ExternalAPIJob, ExternalAPIServer  # noqa: E402

__all__ += ["EcoLogitsGenAIExternalAPI", "EcoLogitsGenAIExternalAPIJob", "EcoLogitsGenAIExternalAPIServer",
            "ExternalAPI", "ExternalAPIJob", "ExternalAPIServer"]
