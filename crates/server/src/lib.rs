//! The careform server and command-line tools.

pub mod assets;
pub mod audit;
pub mod checkpoint;
pub mod client_addr;
pub mod config;
pub mod deliver;
pub mod embed;
pub mod files;
pub mod forms;
pub mod http;
pub mod inbox;
pub mod keys;
pub mod listen;
pub mod openapi;
pub mod pa_link;
pub mod private;
pub mod receive;
pub mod reference;
pub mod returns;
pub mod sign_in;
pub mod staff;
pub mod state;
pub mod store;
pub mod uploads;
