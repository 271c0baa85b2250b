"""The model: what YARN will actually use, typed, plus the cluster it runs on."""
