//! The storyweave command line as a library: argument types and commands.
