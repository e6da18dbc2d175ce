//! The shared adapter conformance suite.

#[test]
fn storeconnect_conforms() {
    tierline_core::conformance::assert_conforms(&tierline_storeconnect::adapter_with_defaults());
}
