"""Analysis of a computed model: footprint breakdowns and Sankey data."""
