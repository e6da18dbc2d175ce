//! The shared adapter conformance suite.

#[test]
fn iex_conforms() {
    tierline_core::conformance::assert_conforms(&tierline_iex::adapter_with_defaults());
}
