//! The body and the property it checks: `tgconf_fuzz_bodies::flow`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tgconf_fuzz_bodies::flow(data));
