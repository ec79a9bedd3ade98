package farm

import (
	"fmt"
	"slices"
	"strings"

	"github.com/conun/conun/farm/api"
)

// Protocol is the node-to-node protocol this release speaks, gossiped in
// every node's metadata (api.NodeMeta.Proto). It goes up whenever a lease
// or a check gains a field that a worker of the release before refuses
// (leases are decoded refusing unknown fields) or would misread. A
// coordinator leases, checks and samples only members of its own
// protocol, so a cluster upgraded node by node keeps rendering, each
// release with its own, instead of every lease to an older worker failing
// and counting against it. Releases from before there was a protocol
// gossip none: 0.
//
//   - 1: leases name the coordinator's key, and answers are sealed
//     (farm/rpc/session.go); a PNG job's lease may carry its compression.
//   - 2: a worker's failures and heartbeat answers carry its word, which a
//     coordinator needs from a node behind NAT (onTheWay), and a lease to
//     such a node may say how many of its answers came through its
//     gateway without it (altered).
//   - 3: a lease or a check of a job with a render region names the
//     region (area), which a task's adaptive-sampling margin stays in.
//   - 4: a job's format may be "exr-multilayer", whose tiles keep every
//     pass the lease names (Task.Keep), holding exactly the channels it
//     names (channels), and whose finish writes an RGBA float image; a
//     finish of an uncropped region fills the outside of its passes as
//     Blender's render result holds it (a far Depth), so an older
//     checker's finish would differ from an honest one.
//   - 5: tiles and checks' crops render without the scene's burned-in
//     stamp, and a finish draws it once, without the fields of one
//     render: an older worker's tile would carry a stamp of its own and
//     fail its check, and an older finisher's stamp would differ. A
//     preview's result, a finish and a finish's check are signed in the
//     zero domain (answerDomain), which an older coordinator would refuse.
//   - 6: tiles and crops of a scene that writes RGBA (Blender's default)
//     render RGBA unless the job's format is JPEG: where a compositor
//     makes a frame rendered in place transparent, a tile now holds its
//     colour straight with its alpha, an older worker's premultiplied and
//     opaque, so either would fail the other's check. (Opaque pixels
//     differ too, by up to 2/65535 on Blender 5.2's AgX: within a check's
//     tolerance.)
const Protocol = 6

// sameProtocol keeps, in place, the members that speak proto: a fresh
// list, as Cluster.Members returns, is filtered without a copy.
func sameProtocol(members []api.Member, proto int) []api.Member {
	return slices.DeleteFunc(members, func(m api.Member) bool { return m.Proto != proto })
}

// peers are the live members this node exchanges work with as a
// coordinator: those of its own protocol. Receipts and claims still go to
// every member (a worker upgraded after its tasks is still paid), and the
// client API lists every member, saying which speak another protocol.
func (n *Node) peers() []api.Member {
	return sameProtocol(n.cluster.Members(), n.proto)
}

// otherProtocol says why a member of another protocol gets no work from
// this node, for `conun nodes`; "" for one of its own.
func (n *Node) otherProtocol(m api.Member) string {
	if m.Proto == n.proto {
		return ""
	}
	return fmt.Sprintf("another release (protocol %d, this node's %d): this node gives it no work", m.Proto, n.proto)
}

// otherReleases says how many live members this node gives no work
// because they speak another protocol, and what to do about it, for an
// estimate's notes, a submission's and a refusal that counts the
// cluster's nodes: "" when there are none. Without it, a coordinator
// upgraded before its workers rendered alone, or refused a job that only
// the others could render, without a word on why.
func (c *coordinator) otherReleases() string {
	older, newer := 0, 0
	for _, m := range c.everyone() {
		switch {
		case m.Proto < c.proto:
			older++
		case m.Proto > c.proto:
			newer++
		}
	}
	var say []string
	if older > 0 {
		say = append(say, fmt.Sprintf("%d member(s) of an older conun release take no work from this node and are not counted: upgrade them", older))
	}
	if newer > 0 {
		say = append(say, fmt.Sprintf("%d member(s) of a newer conun release take no work from this node and are not counted: upgrade this node, or submit to one of them", newer))
	}
	if len(say) == 0 {
		return ""
	}
	return strings.Join(say, "; ") + " (conun nodes lists them)"
}

// noNode adds otherReleases to a refusal saying no node of the cluster
// can render a job.
func (c *coordinator) noNode(err error) error {
	if note := c.otherReleases(); note != "" {
		return fmt.Errorf("%w; %s", err, note)
	}
	return err
}
