//! TLS for outbound `fetch()`: rustls (ring provider) over monoio, trusting
//! the Mozilla roots from `webpki-roots` plus, when set, the PEM file named
//! by `NANO_EXTRA_CA_CERTS` (private CAs; also how tests trust a local server).

use std::cell::OnceCell;
use std::path::PathBuf;
use std::sync::Arc;

use monoio::net::TcpStream;
use monoio_rustls::{ClientTlsStream, TlsConnector, TlsError};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use url::Host;

use super::client::FetchError;

pub type Stream = ClientTlsStream<TcpStream>;

/// Environment variable naming a PEM file of extra trusted certificates.
pub const EXTRA_CA_VAR: &str = "NANO_EXTRA_CA_CERTS";

thread_local! {
    // One config per core thread: nothing shared between cores per request.
    static CONNECTOR: OnceCell<Result<TlsConnector, String>> = const { OnceCell::new() };
}

/// The private CA file named by `NANO_EXTRA_CA_CERTS`, if any. Each core
/// reads it when it first connects over TLS.
pub fn extra_ca_file() -> Option<PathBuf> {
    std::env::var_os(EXTRA_CA_VAR).map(PathBuf::from)
}

fn build_connector() -> Result<TlsConnector, String> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = extra_ca_file() {
        let certs = CertificateDer::pem_file_iter(&path)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .map_err(|error| {
                format!(
                    "cannot read {EXTRA_CA_VAR} ({}): {error}",
                    path.to_string_lossy()
                )
            })?;
        for cert in certs {
            roots
                .add(cert)
                .map_err(|error| format!("bad certificate in {EXTRA_CA_VAR}: {error}"))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| error.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(TlsConnector::from(config))
}

/// Runs the client handshake for `host` over `stream`.
pub async fn handshake(host: &Host<&str>, stream: TcpStream) -> Result<Stream, FetchError> {
    let connector = CONNECTOR.with(|cell| cell.get_or_init(build_connector).clone());
    let connector =
        connector.map_err(|error| format!("fetch failed: TLS is unavailable: {error}"))?;
    let name = match host {
        Host::Domain(name) => ServerName::try_from(name.to_string())
            .map_err(|_| format!("fetch failed: '{name}' is not a valid TLS server name"))?,
        Host::Ipv4(ip) => ServerName::IpAddress(std::net::IpAddr::V4(*ip).into()),
        Host::Ipv6(ip) => ServerName::IpAddress(std::net::IpAddr::V6(*ip).into()),
    };
    connector.connect(name, stream).await.map_err(|error| {
        // The wrapper's own Display hides the cause.
        let cause = match error {
            TlsError::Io(error) => error.to_string(),
            TlsError::Rustls(error) => error.to_string(),
        };
        format!("fetch failed: TLS handshake with {host} failed: {cause}")
    })
}
