//! The shared adapter conformance suite.

#[test]
fn __ID_IDENT___conforms() {
    tierline_core::conformance::assert_conforms(&__CRATE_IDENT__::adapter_with_defaults());
}
