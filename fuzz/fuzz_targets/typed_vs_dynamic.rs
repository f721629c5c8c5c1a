//! The body and the property it checks: `tgconf_fuzz_bodies::typed_vs_dynamic`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tgconf_fuzz_bodies::typed_vs_dynamic(data));
