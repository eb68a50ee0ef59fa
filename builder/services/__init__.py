"""Services: check access and input, change state in one transaction, announce on commit."""
