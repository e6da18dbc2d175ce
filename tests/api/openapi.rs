//! The checked-in `api-spec/openapi.json` must equal what the code generates.
//! Regenerate with `TIERLINE_UPDATE_OPENAPI=1 cargo test -p tierline --test api openapi`
//! (or `tierline openapi > api-spec/openapi.json`).

#[test]
fn checked_in_openapi_document_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../api-spec/openapi.json");
    let generated = tierline::commands::openapi::document().expect("document");
    if std::env::var_os("TIERLINE_UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("write api-spec/openapi.json");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "api-spec/openapi.json is stale: run `TIERLINE_UPDATE_OPENAPI=1 cargo test -p tierline \
         --test api openapi` and commit the result"
    );
}
