package store

import (
	"context"
	"encoding/json"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
)

// scanCatalogue reads a service's catalogue columns, each JSON.
func scanCatalogue(c *booking.Catalogue, description, documents, processing, fee string) error {
	for _, col := range []struct {
		raw string
		dst *mission.Text
	}{{description, &c.Description}, {processing, &c.ProcessingTime}} {
		if col.raw == "" {
			continue
		}
		if err := json.Unmarshal([]byte(col.raw), col.dst); err != nil {
			return err
		}
	}
	if err := json.Unmarshal([]byte(documents), &c.Documents); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(fee), &c.Fee); err != nil {
		return err
	}
	*c = c.Clean()
	return nil
}

// catalogueColumns returns the catalogue's columns as stored (description,
// documents, processing time, fee), after checking that a sourced fee
// cites a source the database holds.
func (tx *Tx) catalogueColumns(ctx context.Context, c booking.Catalogue) ([4]string, error) {
	var out [4]string
	if c.Fee.Kind == booking.FeeText {
		var one int
		err := tx.queryRow(ctx, `SELECT 1 FROM sources WHERE id = ?`, c.Fee.Citation.SourceID).Scan(&one)
		if isNoRows(err) {
			return out, chancery.Errorf(chancery.EINVALID, "error.service_invalid", "Field", "fee_source")
		}
		if err != nil {
			return out, err
		}
	}
	desc, _ := c.Description.Value()
	proc, _ := c.ProcessingTime.Value()
	docs := c.Documents
	if docs == nil {
		docs = []mission.Text{}
	}
	d, _ := json.Marshal(docs)
	f, _ := json.Marshal(c.Fee)
	out[0], out[1], out[2], out[3] = desc.(string), string(d), proc.(string), string(f)
	return out, nil
}
