//! `tierline openapi`: prints the OpenAPI document (as checked in at `api-spec/openapi.json`).

/// The document as pretty JSON with a trailing newline.
pub fn document() -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(&tierline_api::openapi())?;
    text.push('\n');
    Ok(text)
}

/// Prints the document.
pub fn run() -> anyhow::Result<()> {
    print!("{}", document()?);
    Ok(())
}
