package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io"
	"strconv"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
)

// An application's files: each checked (package uploads) before it comes
// here, kept encrypted (Blobs), counted against the case's limits in the
// transaction that keeps it.

// The refusals of keeping a file that the store itself judges.
var (
	// ErrDocumentItem: the checklist has no such item for these answers.
	ErrDocumentItem = chancery.Errorf(chancery.EINVALID, "error.upload_item_unknown")
	// ErrDocumentsFull: the item has as many files as it takes; Max says how many.
	ErrDocumentsFull = chancery.Errorf(chancery.EINVALID, "error.upload_item_full")
	// ErrCaseFull: the case's files would weigh more than its limit; Max is the limit in MB.
	ErrCaseFull = chancery.Errorf(chancery.ETOOLARGE, "error.upload_case_full")
	// ErrDocumentNotFound: the application has no such file.
	ErrDocumentNotFound = chancery.Errorf(chancery.ENOTFOUND, "error.upload_not_found")
	// ErrQuarantined: the file waits for the virus scan, and is served to
	// nobody until it is found clean.
	ErrQuarantined = chancery.Errorf(chancery.ECONFLICT, "error.upload_quarantined")
)

// NewDocument is a checked file to keep for a checklist item.
type NewDocument struct {
	Item, Name, Type     string
	Pages, Width, Height int
	Content              []byte
	// Scan is casework.ScanPending when a virus scanner will check it,
	// casework.ScanNotScanned when there is none.
	Scan string
	// CaseBytes is the most the case's files may weigh together.
	CaseBytes int64
}

const documentColumns = `id, item, name, type, size, pages, width, height, sha256, uploaded_at, scan_status, scan_signature,
	scanned_at, review_status, review_reason, reviewed_by, reviewed_at`

func scanDocument(row interface{ Scan(...any) error }) (casework.Document, error) {
	var d casework.Document
	var uploaded int64
	var scanned, reviewed sql.NullInt64
	err := row.Scan(&d.ID, &d.Item, &d.Name, &d.Type, &d.Size, &d.Pages, &d.Width, &d.Height, &d.SHA256, &uploaded, &d.Scan,
		&d.Signature, &scanned, &d.Review, &d.ReviewReason, &d.ReviewedBy, &reviewed)
	if isNoRows(err) {
		return d, ErrDocumentNotFound
	}
	d.Uploaded = fromMillis(uploaded)
	if scanned.Valid {
		d.Scanned = fromMillis(scanned.Int64)
	}
	if reviewed.Valid {
		d.Reviewed = fromMillis(reviewed.Int64)
	}
	return d, err
}

// applicationDocuments reads an application's files, by item and upload.
func applicationDocuments(ctx context.Context, q queryer, id int64) ([]casework.Document, error) {
	rows, err := q.query(ctx, `SELECT `+documentColumns+` FROM application_files WHERE application_id = ? ORDER BY item, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []casework.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// weighs reports whether a file with this verdict counts against the
// case's limit: an infected file, or one the scanner could not check, is
// dropped and weighs nothing.
func weighs(scan string) bool { return scan != casework.ScanInfected && scan != casework.ScanFailed }

// AddDocument keeps a checked file for a checklist item of the
// application, for whoever holds its token, while it is editable. In the
// one transaction: the item must be on the checklist the answers make;
// the case's files together stay within d.CaseBytes (a conditional update,
// so two uploads at once cannot both pass it); the item holds fewer files
// than it takes; the file's row and its encrypted content are written.
func (db *DB) AddDocument(ctx context.Context, reference, token string, d NewDocument) (casework.Document, error) {
	blobs, err := db.files()
	if err != nil {
		return casework.Document{}, err
	}
	sum := sha256.Sum256(d.Content)
	var doc casework.Document
	err = db.inTx(ctx, func(tx *Tx) error {
		a, t, err := applicationFor(ctx, tx, reference, token)
		if err != nil {
			return err
		}
		if !a.Editable() {
			return casework.ErrNotEditable
		}
		var rule *casework.DocumentRule
		for _, r := range t.Checklist(a.Answers) {
			if r.ID == d.Item {
				rule = &r
				break
			}
		}
		if rule == nil {
			return ErrDocumentItem.With("Field", "document:"+chancery.Echo(d.Item))
		}
		size := int64(len(d.Content))
		// The update takes the application's row: a second upload to the
		// same case waits here, then sees this one's file and weight.
		res, err := tx.exec(ctx, `UPDATE applications SET files_bytes = files_bytes + ?, updated_at = ?
			WHERE id = ? AND stage IN ('draft', 'waiting') AND files_bytes + ? <= ?`, size, millis(tx.now), a.ID, size, d.CaseBytes)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			var stage string
			if err := tx.queryRow(ctx, `SELECT stage FROM applications WHERE id = ?`, a.ID).Scan(&stage); err != nil {
				return err
			}
			if stage != casework.Draft && stage != casework.Waiting {
				return casework.ErrNotEditable
			}
			return ErrCaseFull.With("Field", "document:"+d.Item, "Max", d.CaseBytes>>20)
		}
		var have int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM application_files WHERE application_id = ? AND item = ?
			AND scan_status NOT IN ('infected', 'failed')`, a.ID, d.Item).Scan(&have); err != nil {
			return err
		}
		if have >= rule.MaxFilesOf() {
			return ErrDocumentsFull.With("Field", "document:"+d.Item, "Max", rule.MaxFilesOf())
		}
		doc = casework.Document{Item: d.Item, Name: casework.SafeName(d.Name), Type: d.Type, Size: size, Pages: d.Pages, Width: d.Width,
			Height: d.Height, SHA256: hex.EncodeToString(sum[:]), Uploaded: tx.now, Scan: d.Scan, Review: casework.ReviewPending}
		if err := tx.queryRow(ctx, `INSERT INTO application_files (application_id, item, name, type, size, pages, width, height, sha256,
			uploaded_at, scan_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.ID, doc.Item, doc.Name, doc.Type, doc.Size,
			doc.Pages, doc.Width, doc.Height, doc.SHA256, millis(tx.now), doc.Scan).Scan(&doc.ID); err != nil {
			return err
		}
		return blobs.Put(ctx, tx, doc.ID, bytes.NewReader(d.Content))
	})
	return doc, err
}

// RemoveDocument drops one of the application's files, for whoever holds
// its token, while it is editable.
func (db *DB) RemoveDocument(ctx context.Context, reference, token string, id int64) error {
	blobs, err := db.files()
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		a, _, err := applicationFor(ctx, tx, reference, token)
		if err != nil {
			return err
		}
		if !a.Editable() {
			return casework.ErrNotEditable
		}
		var size int64
		var scan string
		err = tx.queryRow(ctx, `SELECT size, scan_status FROM application_files WHERE id = ? AND application_id = ?`, id, a.ID).Scan(&size, &scan)
		if isNoRows(err) {
			return ErrDocumentNotFound
		}
		if err != nil {
			return err
		}
		if !weighs(scan) {
			size = 0
		}
		res, err := tx.exec(ctx, `UPDATE applications SET files_bytes = files_bytes - ?, updated_at = ?
			WHERE id = ? AND stage IN ('draft', 'waiting')`, size, millis(tx.now), a.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return casework.ErrNotEditable
		}
		if err := blobs.Delete(ctx, tx, id); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `DELETE FROM application_files WHERE id = ?`, id)
		return err
	})
}

// Document reads one file's record by its id.
func (db *DB) Document(ctx context.Context, id int64) (casework.Document, error) {
	return scanDocument(db.reader().queryRow(ctx, `SELECT `+documentColumns+` FROM application_files WHERE id = ?`, id))
}

// OpenDocument streams a file's content, decrypted, for the virus scan.
// Only the workflows call it: staff downloads go through
// DownloadDocument, which audits them.
func (db *DB) OpenDocument(ctx context.Context, id int64) (io.ReadCloser, error) {
	blobs, err := db.files()
	if err != nil {
		return nil, err
	}
	return blobs.Open(ctx, id)
}

// PendingDocuments lists the ids of files waiting for the virus scan,
// oldest first, at most limit.
func (db *DB) PendingDocuments(ctx context.Context, limit int) ([]int64, error) {
	rows, err := db.reader().query(ctx, `SELECT id FROM application_files WHERE scan_status = 'pending' ORDER BY uploaded_at, id LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// RecordScan writes the virus scan's verdict on a pending file: clean,
// infected (with the signature's name) or failed (the scanner could not
// check it whole). An infected or failed file's content is dropped and
// it no longer weighs on the case's limit; its record stays, for staff
// and the applicant to see. A file scanned already keeps its verdict.
func (db *DB) RecordScan(ctx context.Context, id int64, verdict, signature string) error {
	blobs, err := db.files()
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var app, size int64
		err := tx.queryRow(ctx, `SELECT application_id, size FROM application_files WHERE id = ? AND scan_status = 'pending'`, id).Scan(&app, &size)
		if isNoRows(err) {
			return nil
		}
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE application_files SET scan_status = ?, scan_signature = ?, scanned_at = ?, scan_attempts = scan_attempts + 1
			WHERE id = ? AND scan_status = 'pending'`, verdict, signature, millis(tx.now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 || weighs(verdict) {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE applications SET files_bytes = files_bytes - ? WHERE id = ?`, size, app); err != nil {
			return err
		}
		return blobs.Delete(ctx, tx, id)
	})
}

// RecordScanAttempt counts a scan that got no verdict (the scanner could
// not be reached, or broke off): the file stays pending, in quarantine.
func (db *DB) RecordScanAttempt(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE application_files SET scan_attempts = scan_attempts + 1 WHERE id = ? AND scan_status = 'pending'`, id)
		return err
	})
}

// missionDocument reads a file of one of the mission's applications (of
// any mission when mission is ""), with the application's reference.
func missionDocument(ctx context.Context, q queryer, mission string, id int64) (casework.Document, string, error) {
	var ref string
	if err := q.queryRow(ctx, `SELECT a.reference FROM application_files f JOIN applications a ON a.id = f.application_id
		WHERE f.id = ? AND (a.mission_id = ? OR ? = '')`, id, mission, mission).Scan(&ref); err != nil {
		if isNoRows(err) {
			return casework.Document{}, "", ErrDocumentNotFound
		}
		return casework.Document{}, "", err
	}
	d, err := scanDocument(q.queryRow(ctx, `SELECT `+documentColumns+` FROM application_files WHERE id = ?`, id))
	return d, ref, err
}

// DownloadDocument opens a file of one of the mission's applications (any
// mission's with mission "", while staff are not bound to a mission) for
// a staff member, and writes the read of personal data to the audit log
// (who, which file) before any byte is served. The application's
// reference must be the file's. An infected or failed file has no
// content left to serve; a pending one is in quarantine (ErrQuarantined).
func (db *DB) DownloadDocument(ctx context.Context, who Actor, mission, reference string, id int64) (casework.Document, io.ReadCloser, error) {
	blobs, err := db.files()
	if err != nil {
		return casework.Document{}, nil, err
	}
	var doc casework.Document
	err = db.inTx(ctx, func(tx *Tx) error {
		d, ref, err := missionDocument(ctx, tx, mission, id)
		if err != nil {
			return err
		}
		if ref != reference || !weighs(d.Scan) {
			return ErrDocumentNotFound
		}
		if d.Scan == casework.ScanPending {
			return ErrQuarantined
		}
		doc = d
		return tx.auditOnly(ctx, who, "casefile.download", "application_file", ref+"/"+strconv.FormatInt(id, 10), nil,
			map[string]any{"name": d.Name, "sha256": d.SHA256, "scan": d.Scan})
	})
	if err != nil {
		return casework.Document{}, nil, err
	}
	r, err := blobs.Open(ctx, id)
	return doc, r, err
}
