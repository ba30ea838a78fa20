"""Loading and validating the YAML records in directory/."""
