"""The quote index and its safe builds."""
