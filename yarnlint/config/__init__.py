"""Loading: configuration XML to property definitions, and their effective values."""
