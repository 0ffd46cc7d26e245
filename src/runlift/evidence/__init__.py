"""The evidence behind every plan: the bibliography and the rule catalogue, as data."""
