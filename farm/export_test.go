package farm

import "github.com/conun/conun/farm/blobstore"

// Cache is the node's cache of blobs fetched from other members, for tests
// in farm_test that fetch through it as a task's scene would be.
func (n *Node) Cache() *blobstore.Blobs { return n.work.cache }
