//! Connecting to SurrealDB: embedded SurrealKV, in-memory, or a remote server.

use std::path::Path;
use std::time::Duration;
use surrealdb::engine::any::{self, Any};
use surrealdb::opt::auth::Root;
use surrealdb::Surreal;

/// The database handle used everywhere.
pub type Db = Surreal<Any>;

/// Where the data lives and how to get in.
#[derive(Debug, Clone)]
pub struct DbConfig {
    /// `surrealkv://path`, `mem://`, `ws://host:port` or `wss://host:port`.
    pub url: String,
    pub namespace: String,
    pub database: String,
    /// Root credentials for a remote server; embedded engines need none.
    pub user: Option<String>,
    pub pass: Option<String>,
}

impl DbConfig {
    /// The default: embedded SurrealKV under `./data/`, syncing every commit to disk.
    pub fn default_url() -> String {
        "surrealkv://data/tend.db?sync=every".into()
    }

    /// A fresh in-memory database; tests give each one its own namespace.
    pub fn memory(namespace: &str) -> Self {
        DbConfig {
            url: "mem://".into(),
            namespace: namespace.into(),
            database: "tend".into(),
            user: None,
            pass: None,
        }
    }

    fn is_remote(&self) -> bool {
        ["ws://", "wss://", "http://", "https://"]
            .iter()
            .any(|p| self.url.starts_with(p))
    }

    /// The directory an embedded SurrealKV store writes into, if any.
    fn local_dir(&self) -> Option<&Path> {
        let rest = self.url.strip_prefix("surrealkv://")?;
        let path = rest.split('?').next().unwrap_or(rest);
        Some(
            Path::new(path)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
    }
}

/// Opens the database and selects the namespace and database. Every failure is
/// one sentence a person running Tend can act on.
pub async fn connect(cfg: &DbConfig) -> Result<Db, String> {
    if let Some(dir) = cfg.local_dir() {
        check_writable(dir)?;
    }
    let db = if cfg.is_remote() {
        tokio::time::timeout(Duration::from_secs(10), any::connect(cfg.url.as_str()))
            .await
            .map_err(|_| format!("The SurrealDB server at {} did not answer within 10 seconds.", cfg.url))?
            .map_err(|e| format!("Cannot reach the SurrealDB server at {}: {e}", cfg.url))?
    } else {
        any::connect(cfg.url.as_str())
            .await
            .map_err(|e| format!("Cannot open the database at {}: {e}", cfg.url))?
    };
    if cfg.is_remote() {
        let (Some(user), Some(pass)) = (&cfg.user, &cfg.pass) else {
            return Err(format!(
                "Connecting to {} needs credentials: set TEND_DB_USER and TEND_DB_PASS.",
                cfg.url
            ));
        };
        db.signin(Root {
            username: user.clone(),
            password: pass.clone(),
        })
        .await
        .map_err(|_| {
            format!(
                "The SurrealDB server at {} rejected the credentials for user '{user}'.",
                cfg.url
            )
        })?;
    }
    db.use_ns(cfg.namespace.as_str())
        .use_db(cfg.database.as_str())
        .await
        .map_err(|e| {
            format!(
                "Cannot select namespace '{}' and database '{}': {e}",
                cfg.namespace, cfg.database
            )
        })?;
    Ok(db)
}

fn check_writable(dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    std::fs::create_dir_all(dir).map_err(|e| format!("Cannot create the database directory {shown}: {e}."))?;
    let probe = dir.join(".tend-write-check");
    std::fs::write(&probe, b"ok").map_err(|e| format!("The database directory {shown} is not writable: {e}."))?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(url: &str) -> DbConfig {
        DbConfig {
            url: url.into(),
            ..DbConfig::memory("t")
        }
    }

    #[test]
    fn finds_the_embedded_directory() {
        assert_eq!(
            cfg("surrealkv://data/tend.db?sync=every").local_dir(),
            Some(Path::new("data"))
        );
        assert_eq!(cfg("surrealkv://tend.db").local_dir(), Some(Path::new(".")));
        assert_eq!(cfg("mem://").local_dir(), None);
        assert!(cfg("ws://127.0.0.1:8000").is_remote());
    }

    #[tokio::test]
    async fn unwritable_directory_is_one_clear_sentence() {
        let err = connect(&cfg("surrealkv:///proc/tend/tend.db")).await.unwrap_err();
        assert!(
            err.starts_with("Cannot create the database directory /proc/tend"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn unreachable_server_is_one_clear_sentence() {
        let mut c = cfg("ws://127.0.0.1:9");
        c.user = Some("root".into());
        c.pass = Some("root".into());
        let err = connect(&c).await.unwrap_err();
        assert!(err.contains("127.0.0.1:9"), "{err}");
    }
}
