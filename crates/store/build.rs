//! `embed_migrations!` reads `migrations/` at compile time, but cargo only sees the files it
//! includes: without this, a new migration directory would not rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
