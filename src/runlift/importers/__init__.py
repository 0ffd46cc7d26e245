"""Readers that turn outside data (typed text, app exports, device files) into domain
values. Each reader is pure: it takes text or bytes and returns model objects or raises
an :class:`runlift.errors.InputError` that says where the input went wrong."""
