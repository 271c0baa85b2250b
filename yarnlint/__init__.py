"""yarnlint: lint YARN CapacityScheduler configuration against the cluster it runs on."""

__version__ = "0.1.0"
