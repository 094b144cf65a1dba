//! `waba attachment check`: may this file be sent, judged from its first bytes and its size.
//!
//! Reads at most [`SNIFF_PREFIX_LEN`] bytes of FILE (plus, for an OLE file, at most
//! [`OLE_DIRECTORY_READ_LEN`] bytes of its directory) and takes its size from the file system; never
//! the whole file. The file name (path parts removed) and `--mime` are the sender's claims; the bytes must
//! agree with both.

use waba::error::WabaError;

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Map, Value, json};
use waba::attachment::{
    Attachment, AttachmentError, AttachmentPolicy, OLE_DIRECTORY_READ_LEN, Permissions, Purpose,
    SNIFF_PREFIX_LEN, ole_directory_offset,
};

use crate::common::{ErrorObject, print_json, refused, usage};

/// Subcommands of `waba attachment`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum AttachmentCmd {
    /// Judge a file: `{"category","mime","size","allowed":true}` or `{"allowed":false,"error":{...}}`.
    Check(CheckArgs),
}

/// Where the file goes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum PurposeArg {
    /// A media message (needs canSendFiles).
    Send,
    /// The header of a notification (needs canChangeAttachmentsInNotification).
    NotificationHeader,
    /// The header of reply buttons (needs canChangeAttachmentsInReplyButton).
    ReplyButtonHeader,
}

/// Arguments of `waba attachment check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// The file to judge.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The declared MIME type (parameters ignored, any letter case).
    #[arg(long, value_name = "TYPE")]
    pub mime: Option<String>,
    /// The agent's privileges, comma-separated; without it every privilege is granted.
    #[arg(long, value_name = "P,...")]
    pub permissions: Option<String>,
    /// Genesys options (JSON object); `whatsappsession.two-step-attachment-upload` is read.
    #[arg(long, value_name = "FILE")]
    pub options: Option<PathBuf>,
    /// Where the file goes.
    #[arg(long, value_enum, default_value = "send")]
    pub purpose: PurposeArg,
    /// Also allow Meta's types beyond the guide's list (TXT, MP3, M4A, 3GP, WebP stickers).
    #[arg(long)]
    pub meta_types: bool,
}

/// Runs the verb.
pub(crate) fn run(cmd: AttachmentCmd) -> ExitCode {
    match cmd {
        AttachmentCmd::Check(args) => check(&args),
    }
}

/// What is read of a file: its first bytes, its size, and (for an OLE compound file whose directory
/// lies past those bytes) the bytes of its directory.
struct FileParts {
    prefix: Vec<u8>,
    size: u64,
    ole_directory: Option<Vec<u8>>,
}

/// Reads the bounded parts of a file; an unreadable file or a directory is a usage error.
fn read_parts(path: &Path) -> Result<FileParts, ExitCode> {
    let cannot = |e: &dyn std::fmt::Display| usage(format!("cannot read {}: {e}", path.display()));
    // A FIFO, a directory or a device is refused before it is opened (opening a FIFO blocks).
    let (mut file, len) = crate::common::open_regular(path)?;
    let mut prefix = Vec::with_capacity(SNIFF_PREFIX_LEN);
    file.by_ref()
        .take(SNIFF_PREFIX_LEN as u64)
        .read_to_end(&mut prefix)
        .map_err(|e| cannot(&e))?;
    // A file that grew between the two reads: judge the size the bytes show, never less.
    let size = len.max(prefix.len() as u64);
    let ole_directory = match ole_directory_offset(&prefix).filter(|&d| d < size) {
        Some(offset) => {
            file.seek(SeekFrom::Start(offset)).map_err(|e| cannot(&e))?;
            let mut dir = Vec::with_capacity(OLE_DIRECTORY_READ_LEN);
            file.take(OLE_DIRECTORY_READ_LEN as u64)
                .read_to_end(&mut dir)
                .map_err(|e| cannot(&e))?;
            Some(dir)
        }
        None => None,
    };
    Ok(FileParts {
        prefix,
        size,
        ole_directory,
    })
}

/// The contract's error object for a refusal, with the claims for a mismatch.
pub(crate) fn error_object(e: &AttachmentError) -> ErrorObject {
    let mut o = ErrorObject::from_error(e);
    if let AttachmentError::Mismatch {
        sniffed,
        mime,
        extension,
        ..
    } = e
    {
        o.extra
            .insert("sniffed".into(), Value::from(sniffed.mime()));
        o.extra.insert(
            "declared_mime".into(),
            mime.map_or(Value::Null, |m| Value::from(m.as_str())),
        );
        o.extra.insert(
            "extension".into(),
            extension.map_or(Value::Null, |x| Value::from(x.as_str())),
        );
    }
    o
}

fn check(args: &CheckArgs) -> ExitCode {
    let permissions = match args.permissions.as_deref().map(Permissions::parse_list) {
        None => Permissions::all(),
        Some(Ok(p)) => p,
        Some(Err(e)) => return usage(format!("--permissions: {e} ({})", e.code())),
    };
    let config = match crate::options::load_config(args.options.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some(name) = args.file.file_name() else {
        return usage(format!("{} names no file", args.file.display()));
    };
    let Some(name) = name.to_str() else {
        return usage(format!(
            "the file name of {} is not UTF-8",
            args.file.display()
        ));
    };
    let parts = match read_parts(&args.file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut policy =
        AttachmentPolicy::default().with_two_step_upload(config.two_step_attachment_upload);
    if args.meta_types {
        policy = policy.with_meta_types();
    }
    let purpose = match args.purpose {
        PurposeArg::Send => Purpose::Send,
        PurposeArg::NotificationHeader => Purpose::NotificationHeader,
        PurposeArg::ReplyButtonHeader => Purpose::ReplyButtonHeader,
    };
    let mut file = Attachment::new(&parts.prefix, parts.size).with_filename(name);
    if let Some(m) = args.mime.as_deref() {
        file = file.with_mime(m);
    }
    if let Some(dir) = parts.ole_directory.as_deref() {
        file = file.with_ole_directory(dir);
    }
    match policy.check(permissions, purpose, &file) {
        Ok(v) => {
            print_json(&json!({
                "category": v.category.as_str(),
                "mime": v.mime,
                "size": v.size,
                "allowed": true,
                "file_type": v.file_type.name(),
                "filename": v.filename,
                "preview_required": v.preview_required,
            }));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let mut doc = Map::new();
            doc.insert("allowed".into(), Value::Bool(false));
            refused(doc, &error_object(&e))
        }
    }
}
