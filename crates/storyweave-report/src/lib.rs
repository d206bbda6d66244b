//! The *report* stage: the `storyweave/1` data model built from clustered
//! articles, and the printers for it (terminal text, JSON).
