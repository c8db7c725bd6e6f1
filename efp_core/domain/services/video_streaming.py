"""Video streaming: bitrate from resolution and frame rate; delivery CPU from the bitrate."""
from __future__ import annotations

import re
from typing import Any

from efp_core.domain.hardware.server import Server
from efp_core.domain.repartition import REPARTITION
from efp_core.domain.services.service import Service, ServiceJob
from efp_core.domain.usage.job import JOB_CHAIN
from efp_core.engine import calculated
from efp_core.units import u
from efp_core.values import EmptyExplainableObject, ExplainableObject, ExplainableQuantity, SourceObject, SourceValue

RESOLUTIONS = ["480p (640 x 480)", "720p (1280 x 720)", "1080p (1920 x 1080)", "1440p (2560 x 1440)",
               "2K (2048 x 1080)", "4K (3840 x 2160)", "8K (7680 x 4320)"]


class VideoStreaming(Service):
    default_values = {
        "base_ram_consumption": SourceValue(2 * u.GB_ram), "bits_per_pixel": SourceValue(0.1 * u.dimensionless),
        "static_delivery_cpu_cost": SourceValue(4 * u.cpu_core * u.s / u.GB),
        "ram_buffer_per_user": SourceValue(50 * u.MB_ram)}

    def __init__(self, name: str, server: Server, base_ram_consumption: ExplainableQuantity,
                 bits_per_pixel: ExplainableQuantity, static_delivery_cpu_cost: ExplainableQuantity,
                 ram_buffer_per_user: ExplainableQuantity) -> None:
        super().__init__(name)
        self.server = server
        self.base_ram_consumption = base_ram_consumption
        self.bits_per_pixel = bits_per_pixel
        self.static_delivery_cpu_cost = static_delivery_cpu_cost
        self.ram_buffer_per_user = ram_buffer_per_user

    @property
    def base_compute_consumption(self) -> EmptyExplainableObject:
        """Video streaming adds no fixed compute to its server."""
        return EmptyExplainableObject()

    @classmethod
    def compatible_jobs(cls) -> list[type]:
        return [VideoStreamingJob]


class VideoStreamingJob(ServiceJob):
    default_values = {
        "resolution": SourceObject("1080p (1920 x 1080)"), "video_duration": SourceValue(1 * u.hour),
        "refresh_rate": SourceValue(30 / u.s), "data_stored": SourceValue(0 * u.MB)}
    list_values = {"resolution": [SourceObject(r) for r in RESOLUTIONS]}
    calculated_attributes_order = ("request_duration", "dynamic_bitrate", "data_transferred", "compute_needed",
                                   "ram_needed", *JOB_CHAIN, *REPARTITION)

    def __init__(self, name: str, service: VideoStreaming, resolution: ExplainableObject,
                 video_duration: ExplainableQuantity, refresh_rate: ExplainableQuantity,
                 data_stored: ExplainableQuantity) -> None:
        super().__init__(name)
        self.service = service
        self.resolution = resolution
        self.video_duration = video_duration
        self.refresh_rate = refresh_rate
        self.data_stored = data_stored

    @calculated
    def request_duration(self) -> Any:
        return self.video_duration

    @calculated
    def dynamic_bitrate(self) -> Any:
        """Pixels per frame × bits per pixel × frames per second."""
        width, height = _pixels(self.resolution.value)
        pixels = SourceValue(width * height * u.dimensionless, label=f"pixels of {self.resolution.value}")
        return (pixels * self.service.bits_per_pixel * self.refresh_rate).to(u.MB / u.s)

    @calculated
    def data_transferred(self) -> Any:
        return (self.request_duration * self.dynamic_bitrate).to(u.GB)

    @calculated
    def compute_needed(self) -> Any:
        return (self.service.static_delivery_cpu_cost * self.dynamic_bitrate).to(u.cpu_core)

    @calculated
    def ram_needed(self) -> Any:
        return self.service.ram_buffer_per_user


def _pixels(resolution: str) -> tuple[int, int]:
    match = re.search(r"\((\d+)\s*x\s*(\d+)\)", resolution)
    if match is None:
        raise ValueError(f"resolution {resolution!r} has no '(width x height)' part")
    return int(match.group(1)), int(match.group(2))
