//! `storyweave`: thin entry point over [`storyweave_cli`].
fn main() {}
