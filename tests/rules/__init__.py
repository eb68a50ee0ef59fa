"""Tests of the rule engine and the validate command."""
