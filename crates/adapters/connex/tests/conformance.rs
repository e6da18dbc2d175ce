//! The shared adapter conformance suite.

#[test]
fn connex_conforms() {
    tierline_core::conformance::assert_conforms(&tierline_connex::adapter_with_defaults());
}
