package seal

import (
	"time"

	"github.com/chancery-platform/chancery"
)

// Document is a document issued for a decided case: the record its code
// signs, and whether a consul revoked it since.
type Document struct {
	ID            int64
	Code          string // the signed record (Sign), carried by the QR code
	ApplicationID int64
	Reference     string
	Mission       string
	CaseType      string
	Result        string   // issued or refused
	Reasons       []string // a refusal's reasons: ids of the case type's Refusals
	Holder        string
	KeyID         string
	Issued        time.Time
	Expires       time.Time // zero: does not expire
	Revoked       time.Time // zero while valid
	RevokedBy     string
	RevokeReason  string
}

// Record is the record the document's code signs.
func (d Document) Record() Record {
	return Record{Version: Version, Mission: d.Mission, KeyID: d.KeyID, CaseType: d.CaseType, Result: d.Result,
		Ref: d.Reference, Holder: d.Holder, Issued: d.Issued, Expires: d.Expires}
}

// The refusals of issuing and revoking documents.
var (
	ErrNotDecided     = chancery.Errorf(chancery.ECONFLICT, "error.document_not_decided")
	ErrAlreadyIssued  = chancery.Errorf(chancery.ECONFLICT, "error.document_already_issued")
	ErrResult         = chancery.Errorf(chancery.EINVALID, "error.document_result", "Field", "result")
	ErrReason         = chancery.Errorf(chancery.EINVALID, "error.document_reason", "Field", "reasons")
	ErrHolder         = chancery.Errorf(chancery.EINVALID, "error.document_holder", "Field", "holder")
	ErrNoDocument     = chancery.Errorf(chancery.ENOTFOUND, "error.document_not_found")
	ErrAlreadyRevoked = chancery.Errorf(chancery.ECONFLICT, "error.document_already_revoked")
	ErrRevokeReason   = chancery.Errorf(chancery.EINVALID, "error.document_revoke_reason", "Field", "reason")
	ErrNoSigningKey   = chancery.Errorf(chancery.EINTERNAL, "error.seal_no_signing_key")
)

// Results a document is issued for: a withdrawn case gets none.
var Results = []string{"issued", "refused"}
