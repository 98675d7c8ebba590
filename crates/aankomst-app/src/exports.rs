//! Files the counsellor asks for (exports and saved documents), written where the user chose:
//! a folder typed in the screen, the Downloads folder the [`Host`](crate::Host) names, or the
//! path picked in the host's save dialog (never a path from the webview). Client data is
//! written only here, only on request, and only for this user to read.

use crate::audit::AuditSearchRequest;
use crate::dashboard_ipc::{MonitoringExportRequest, MonitoringExportResult};
use crate::documents_ipc::{PlanDocumentKind, PlanDocumentRequest, SavedDocument};
use crate::error::AppError;
use crate::service::AppService;
use fluent_bundle::{FluentBundle, FluentResource};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a save dialog asks: its title (in the counsellor's language), one file type and the
/// suggested file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveDialog {
    pub title: String,
    pub filter_name: String,
    pub extensions: Vec<String>,
    pub file_name: String,
}

const COUNSELLOR_SOURCES: [(&str, &str); 2] = [
    ("nl", include_str!("../../../locales/nl/aankomst.ftl")),
    ("en", include_str!("../../../locales/en/aankomst.ftl")),
];

/// A message of the counsellor's locale files (`locales/<lang>/aankomst.ftl`), Dutch when the
/// language or the message is missing.
pub(crate) fn counsellor_text(language: &str, id: &str) -> String {
    let lookup = |lang: &str| -> Option<String> {
        let (_, source) = COUNSELLOR_SOURCES.iter().find(|(l, _)| *l == lang)?;
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
        let langid: unic_langid::LanguageIdentifier = lang.parse().ok()?;
        let mut bundle = FluentBundle::new(vec![langid]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).ok()?;
        let message = bundle.get_message(id)?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(message.value()?, None, &mut errors)
                .into_owned(),
        )
    };
    lookup(language)
        .or_else(|| lookup("nl"))
        .unwrap_or_else(|| id.to_owned())
}

/// Writes `content` to `dir/name`, or `dir/<stem>-2.<ext>` and so on when that exists:
/// an earlier export is never overwritten. The file is created 0600 and synced.
pub fn write_new_private(dir: &Path, name: &str, content: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let (stem, ext) = match name.split_once('.') {
        Some((stem, ext)) => (stem.to_owned(), format!(".{ext}")),
        None => (name.to_owned(), String::new()),
    };
    for n in 1..1000 {
        let candidate = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem}-{n}{ext}"))
        };
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&candidate) {
            Ok(mut file) => {
                file.write_all(content)?;
                file.sync_all()?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many files with this name"))
}

/// A folder the user typed: absolute and existing, or `invalid` (the screen's error key).
fn typed_folder(typed: &str, invalid: &str) -> Result<PathBuf, AppError> {
    let dir = PathBuf::from(typed);
    if !dir.is_absolute() || !dir.is_dir() {
        return Err(AppError::new(invalid));
    }
    Ok(dir)
}

impl AppService {
    fn downloads(&self) -> Result<PathBuf, AppError> {
        self.host()
            .downloads_dir()
            .ok_or_else(|| AppError::new("export_failed"))
    }

    /// Writes a supervisor's audit search as CSV into the folder the user chose (the Downloads
    /// folder when none is given), never over an existing file, readable by this user only,
    /// and returns where it went. The export itself is recorded in the audit trail.
    pub fn export_audit_csv_file(
        &self,
        req: AuditSearchRequest,
        directory: Option<String>,
    ) -> Result<String, AppError> {
        let dir = match directory
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            Some(d) => typed_folder(d, "export_directory_invalid")?,
            None => self.downloads()?,
        };
        let export = self.export_audit_csv(req)?;
        let path =
            write_new_private(&dir, &export.file_name, export.csv.as_bytes()).map_err(|e| {
                tracing::warn!(error = %e.kind(), "audit export could not be written");
                AppError::new("export_failed")
            })?;
        Ok(path.display().to_string())
    }

    /// Writes the FHIR export of an administration to the Downloads folder (never over an
    /// existing file, readable by this user only) and returns where it went.
    pub fn export_administration_file(
        &self,
        administration_id: &str,
        recipient: &str,
    ) -> Result<String, AppError> {
        let export = self.export_administration(administration_id, recipient)?;
        let dir = self.downloads()?;
        let path =
            write_new_private(&dir, &export.file_name, export.json.as_bytes()).map_err(|e| {
                tracing::warn!(error = %e.kind(), "export could not be written");
                AppError::new("export_failed")
            })?;
        Ok(path.display().to_string())
    }

    /// Writes the monitoring CSV to the folder the user typed (empty: the Downloads folder),
    /// never over an existing file, and returns where it went.
    pub fn export_monitoring_csv_file(
        &self,
        req: MonitoringExportRequest,
    ) -> Result<MonitoringExportResult, AppError> {
        let export = self.monitoring_export()?;
        let typed = req.directory.trim();
        let dir = if typed.is_empty() {
            self.downloads()?
        } else {
            typed_folder(typed, "export_folder_invalid")?
        };
        let path = write_new_private(&dir, &export.file_name, &export.csv).map_err(|e| {
            tracing::warn!(error = %e.kind(), "monitoring export could not be written");
            AppError::new("export_failed")
        })?;
        Ok(MonitoringExportResult {
            path: path.display().to_string(),
            rows: export.rows,
        })
    }

    /// Typesets a document, asks the user where to save it (the host's save dialog, so the
    /// path never comes from the webview) and writes it there. Cancel writes nothing and
    /// returns nothing.
    pub fn save_plan_document_as(
        &self,
        req: PlanDocumentRequest,
    ) -> Result<Option<SavedDocument>, AppError> {
        let (pdf, name) = self.render_plan_document(&req)?;
        let title = counsellor_text(
            &self.language(),
            match req.kind {
                PlanDocumentKind::ClientCopy => "dialog-save-client-copy",
                PlanDocumentKind::IntakeSummary => "dialog-save-intake-summary",
            },
        );
        let picked = self.host().choose_save_path(&SaveDialog {
            title,
            filter_name: "PDF".into(),
            extensions: vec!["pdf".into()],
            file_name: name,
        });
        let Some(path) = picked else {
            return Ok(None);
        };
        self.save_plan_document(&req.plan_id, &path, &pdf).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_never_overwrites_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new_private(dir.path(), "a.fhir.json", b"one").unwrap();
        let second = write_new_private(dir.path(), "a.fhir.json", b"two").unwrap();
        assert_eq!(first.file_name().unwrap(), "a.fhir.json");
        assert_eq!(second.file_name().unwrap(), "a-2.fhir.json");
        assert_eq!(std::fs::read(&first).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&second).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn the_save_dialog_titles_come_from_the_locale_files() {
        assert_eq!(
            counsellor_text("nl", "dialog-save-client-copy"),
            "PIP (cliëntexemplaar) opslaan"
        );
        assert_eq!(
            counsellor_text("nl", "dialog-save-intake-summary"),
            "Samenvatting brede intake opslaan"
        );
        assert_eq!(
            counsellor_text("en", "dialog-save-client-copy"),
            "Save the PIP (client copy)"
        );
        // An unknown language falls back to Dutch.
        assert_eq!(
            counsellor_text("xx", "dialog-save-intake-summary"),
            "Samenvatting brede intake opslaan"
        );
    }
}
