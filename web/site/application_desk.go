package site

import "github.com/chancery-platform/chancery/mission"

// ResultName is a decision's result as the application's case type names it.
func (p applicationPage) ResultName(id string) mission.Text {
	r, _ := p.Type.Result(id)
	return r.Name
}

// ReasonText is a refusal reason's text as the case type words it.
func (p applicationPage) ReasonText(id string) mission.Text {
	r, _ := p.Type.Reason(id)
	return r.Text
}
