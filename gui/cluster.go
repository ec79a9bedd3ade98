package gui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/conun/conun/farm/api"
)

// nodeColumns are the cluster table's headings: what each node advertises
// to the cluster, and the connected node's own record of its checks.
var nodeColumns = []string{"Node", "Renderers", "Cores", "Slots", "Price", "Sandboxed", "Reputation", "API", "Gossip", "Account"}

// nodeRow formats a member for the table.
func nodeRow(m api.Member) []string {
	var rs []string
	for name, version := range m.Renderers {
		rs = append(rs, name+" "+version)
	}
	sort.Strings(rs)
	price := "free"
	if !m.Price.IsZero() {
		price = fmt.Sprintf("%s / tile", m.Price)
	}
	sandboxed := "no"
	if m.Sandboxed {
		sandboxed = "yes (Docker)"
	}
	rep := "—"
	if r := m.Reputation; r != nil {
		rep = fmt.Sprintf("%d passed, %d failed, %.0f%% checked", r.Passed, r.Failed, 100*r.CheckRate)
		if r.Quarantined {
			rep += ", QUARANTINED"
		}
	}
	return []string{m.ID, strings.Join(rs, ", "), fmt.Sprint(m.Cores), fmt.Sprint(m.Slots), price,
		sandboxed, rep, m.API, m.Gossip, m.Addr}
}

// clusterView lists the nodes the connected node sees.
type clusterView struct {
	u       *ui
	members []api.Member
	loading bool

	table   *widget.Table
	info    *widget.Label
	content fyne.CanvasObject
}

func newClusterView(u *ui) *clusterView {
	v := &clusterView{u: u, info: widget.NewLabel("")}
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.members), len(nodeColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("node-name-xx") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(nodeRow(v.members[id.Row])[id.Col])
		})
	v.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.TextStyle.Bold = true
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(nodeColumns[id.Col])
		} else {
			l.SetText("")
		}
	}
	for i, w := range []float32{160, 200, 60, 60, 90, 110, 190, 150, 360} {
		v.table.SetColumnWidth(i, w)
	}
	bar := container.NewHBox(widget.NewButton("Refresh", v.refresh), v.info)
	v.content = container.NewBorder(bar, nil, nil, nil, v.table)
	return v
}

// refresh reloads the members off the UI goroutine.
func (v *clusterView) refresh() {
	if v.loading {
		return
	}
	v.loading = true
	c := v.u.client
	v.info.SetText("Asking " + c.BaseURL + " …")
	go func() {
		ctx, cancel := context.WithTimeout(v.u.ctx, callTimeout)
		members, err := c.Nodes(ctx)
		cancel()
		v.u.do(func() {
			v.loading = false
			if err != nil {
				v.info.SetText("Cannot list nodes: " + err.Error())
				return
			}
			sort.Slice(members, func(a, b int) bool { return members[a].ID < members[b].ID })
			v.members = members
			v.info.SetText(fmt.Sprintf("%s sees %d node(s)", c.BaseURL, len(members)))
			v.table.Refresh()
		})
	}()
}
