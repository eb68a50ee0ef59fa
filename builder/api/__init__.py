"""The REST API (DRF): serializers and thin views over builder.services."""
