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
from efp_core.builders.edge.edge_appliance import EdgeAppliance, EdgeApplianceComponent  # noqa: E402
from efp_core.builders.edge.edge_computer import (  # noqa: E402
    EdgeComputer,
    EdgeComputerCPUComponent,
    EdgeComputerRAMComponent,
)
from efp_core.builders.edge.recurrent_edge_process import (  # noqa: E402
    RecurrentEdgeProcess,
    RecurrentEdgeProcessCPUNeed,
    RecurrentEdgeProcessRAMNeed,
    RecurrentEdgeProcessStorageNeed,
)
from efp_core.builders.edge.recurrent_edge_workload import RecurrentEdgeWorkload, RecurrentEdgeWorkloadNeed  # noqa: E402
from efp_core.domain.edge.hardware.edge_component import EdgeComponent  # noqa: E402
from efp_core.domain.edge.hardware.edge_cpu_component import EdgeCPUComponent  # noqa: E402
from efp_core.domain.edge.hardware.edge_device import EdgeDevice  # noqa: E402
from efp_core.domain.edge.hardware.edge_ram_component import EdgeRAMComponent  # noqa: E402
from efp_core.domain.edge.hardware.edge_storage import EdgeStorage  # noqa: E402
from efp_core.domain.edge.hardware.edge_workload_component import EdgeWorkloadComponent  # noqa: E402
from efp_core.domain.edge.usage.edge_function import EdgeFunction  # noqa: E402
from efp_core.domain.edge.usage.edge_usage_journey import EdgeUsageJourney  # noqa: E402
from efp_core.domain.edge.usage.edge_usage_pattern import EdgeUsagePattern  # noqa: E402
from efp_core.domain.edge.usage.recurrent_edge_component_need import RecurrentEdgeComponentNeed  # noqa: E402
from efp_core.domain.edge.usage.recurrent_edge_device_need import RecurrentEdgeDeviceNeed  # noqa: E402
from efp_core.domain.edge.usage.recurrent_edge_storage_need import RecurrentEdgeStorageNeed  # noqa: E402
from efp_core.domain.edge.usage.recurrent_server_need import RecurrentServerNeed  # noqa: E402
__all__ += ["EdgeAppliance", "EdgeApplianceComponent", "EdgeCPUComponent", "EdgeComponent", "EdgeComputer",
            "EdgeComputerCPUComponent", "EdgeComputerRAMComponent", "EdgeDevice", "EdgeFunction", "EdgeRAMComponent",
            "EdgeStorage", "EdgeUsageJourney", "EdgeUsagePattern", "EdgeWorkloadComponent",
            "RecurrentEdgeComponentNeed", "RecurrentEdgeDeviceNeed", "RecurrentEdgeProcess",
            "RecurrentEdgeProcessCPUNeed", "RecurrentEdgeProcessRAMNeed", "RecurrentEdgeProcessStorageNeed",
            "RecurrentEdgeStorageNeed", "RecurrentEdgeWorkload", "RecurrentEdgeWorkloadNeed", "RecurrentServerNeed"]
from efp_core.errors import JsonFormatError  # noqa: E402
from efp_core.io.json_files import json_to_system, load_json, save_json, system_to_json  # noqa: E402

__all__ += ["JsonFormatError", "json_to_system", "load_json", "save_json", "system_to_json"]
from efp_core.analysis.comparison import compare_states  # noqa: E402
from efp_core.analysis.relationships import (  # noqa: E402
    INFRA_VIEW_CLASSES_TO_IGNORE,
    USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE,
    relationship_graph,
)

__all__ += ["INFRA_VIEW_CLASSES_TO_IGNORE", "USAGE_PATTERN_VIEW_CLASSES_TO_IGNORE", "compare_states",
            "relationship_graph"]
from efp_core.analysis.attribution import Attribution  # noqa: E402
__all__ += ["Attribution"]
