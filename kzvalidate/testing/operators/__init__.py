"""Mutation operators, one module per rule family, beside the families of
:mod:`kzvalidate.rules`: :mod:`.encoding` (KZ0xx), :mod:`.structure` (KZ1xx), :mod:`.contract`
(KZ2xx), :mod:`.text` (KZ3xx) and :mod:`.figures` (KZ4xx). Each lists its operators in code order
as ``OPERATORS``; :mod:`kzvalidate.testing.mutation` joins them in that order. Their building
blocks are in :mod:`.edits`.
"""
