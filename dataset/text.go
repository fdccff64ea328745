package dataset

import (
	"go.yaml.in/yaml/v3"

	"github.com/chancery-platform/chancery/mission"
)

// fileText is a text in the dataset file: a map of languages
// ({en: …, zh: …, ru: …, be: …}), or a plain string, read as English, as
// notes were written before they had translations.
type fileText mission.Text

func (t *fileText) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		var s string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*t = fileText(mission.English(s))
		return nil
	}
	var m map[string]string
	if err := n.Decode(&m); err != nil {
		return err
	}
	*t = m
	return nil
}

func (t fileText) text() mission.Text {
	if len(t) == 0 {
		return nil
	}
	return mission.Text(t)
}
