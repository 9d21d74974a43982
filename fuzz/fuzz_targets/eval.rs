//! Fuzz target: any UTF-8 input is parsed and evaluated; nothing may panic, overflow
//! the stack or run away (orders are capped low so that every input is quick).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        anyon_series::limits::set_max_order(300);
        let _ = anyon_lang::syntax::is_incomplete(src);
        let mut interp = anyon_lang::eval::Interp::new();
        let _ = interp.run(src, |o| {
            let _ = interp_json(&o.value);
        });
    }
});

fn interp_json(v: &anyon_lang::eval::Value) -> Option<String> {
    v.to_json(20).ok()
}
