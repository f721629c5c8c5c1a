//! The body and the property it checks: `tgconf_fuzz_bodies::adapter` (needs TGCONF_FUZZ_ADAPTER).
#![no_main]
libfuzzer_sys::fuzz_target!(init: tgconf_fuzz_bodies::adapter_init(), |data: &[u8]| tgconf_fuzz_bodies::adapter(data));
