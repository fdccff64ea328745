package desk

import (
	"errors"
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
)

// The service form's catalogue part: what the service's public page says
// (description, documents, processing time, fee), each text in every
// language. A form without it (field "catalogue") leaves the catalogue as
// it is, so the booking settings can be saved alone.

// DocumentLines is the service's documents in lang, one a line, as the
// form's text area holds them.
func (p servicePage) DocumentLines(lang string) string {
	lines := make([]string, len(p.Service.Documents))
	for i, d := range p.Service.Documents {
		lines[i] = d[lang]
	}
	return strings.Join(lines, "\n")
}

// Languages are the languages the form asks each text in.
func (servicePage) Languages() []string { return mission.Languages }

// formCatalogue reads the catalogue part of the service form into c, or
// leaves c as it is when the form has no such part. What it cannot read is
// reported, every field at once; c then holds the rest as typed.
func formCatalogue(r *http.Request, c *booking.Catalogue) error {
	if r.PostFormValue("catalogue") != "yes" {
		return nil
	}
	text := func(field string) mission.Text {
		t := mission.Text{}
		for _, l := range mission.Languages {
			if v := strings.TrimSpace(r.PostFormValue(field + "_" + l)); v != "" {
				t[l] = v
			}
		}
		return t
	}
	var errs []error
	out := booking.Catalogue{Description: text("description"), ProcessingTime: text("processing_time")}
	docs, err := formDocuments(r)
	out.Documents, errs = docs, append(errs, err)
	fee := booking.Fee{Kind: r.PostFormValue("fee_kind"), Text: text("fee_text")}
	switch fee.Kind {
	case booking.FeeTable, booking.FeeByMission:
	case booking.FeeText:
		fee.Citation = mission.Citation{SourceID: strings.TrimSpace(r.PostFormValue("fee_source")), Quote: strings.TrimSpace(r.PostFormValue("fee_quote"))}
		if fee.Citation.SourceID == "" {
			errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.service_invalid", "Field", "fee_source"))
		}
	default:
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.service_invalid", "Field", "fee_kind"))
	}
	out.Fee = fee
	*c = out
	return errors.Join(errs...)
}

// formDocuments reads the documents, one a line in each language's text
// area, line i of every language being the same document. Every language
// written must list as many as the others; when they do not, the
// documents are returned as read, with the error.
func formDocuments(r *http.Request) ([]mission.Text, error) {
	var out []mission.Text
	var err error
	count := -1
	for _, l := range mission.Languages {
		var lines []string
		for _, line := range strings.Split(r.PostFormValue("documents_"+l), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				lines = append(lines, line)
			}
		}
		if len(lines) == 0 {
			continue
		}
		if count >= 0 && len(lines) != count {
			err = chancery.Errorf(chancery.EINVALID, "error.service_documents_mismatch", "Field", "documents")
		}
		count = max(count, len(lines))
		for len(out) < count {
			out = append(out, mission.Text{})
		}
		for i, line := range lines {
			out[i][l] = line
		}
	}
	if err == nil && len(out) > booking.MaxDocuments {
		err = chancery.Errorf(chancery.EINVALID, "error.service_invalid", "Field", "documents")
	}
	return out, err
}
