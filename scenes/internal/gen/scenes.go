package main

import (
	"image/color"
	"math"

	"github.com/qmuntal/gltf"
	"github.com/qmuntal/gltf/modeler"
)

// cornell is the Cornell box: white floor, ceiling and back wall, a red left
// and green right wall, two white boxes and an emissive panel in the
// ceiling. The box is closed behind the camera so no light leaks out and
// the sky plays no part.
func cornell() (*gltf.Document, error) {
	doc := newDoc()
	white := addMaterial(doc, material{name: "white", color: [3]float64{0.73, 0.73, 0.73}, roughness: 1})
	red := addMaterial(doc, material{name: "red", color: [3]float64{0.63, 0.065, 0.05}, roughness: 1})
	green := addMaterial(doc, material{name: "green", color: [3]float64{0.14, 0.45, 0.09}, roughness: 1})
	light := addMaterial(doc, material{name: "light", color: [3]float64{0.78, 0.78, 0.78}, roughness: 1,
		emission: [3]float64{1, 0.85, 0.6}, strength: 12})

	const front = 3.0 // the wall behind the camera
	var walls geometry
	walls.quad([3]float64{-1, 0, -1}, [3]float64{0, 0, 1 + front}, [3]float64{2, 0, 0}, 1) // floor, up
	walls.quad([3]float64{-1, 2, -1}, [3]float64{2, 0, 0}, [3]float64{0, 0, 1 + front}, 1) // ceiling, down
	walls.quad([3]float64{-1, 0, -1}, [3]float64{2, 0, 0}, [3]float64{0, 2, 0}, 1)         // back, +z
	walls.quad([3]float64{-1, 0, front}, [3]float64{0, 2, 0}, [3]float64{2, 0, 0}, 1)      // front, -z
	var left, right geometry
	left.quad([3]float64{-1, 0, -1}, [3]float64{0, 2, 0}, [3]float64{0, 0, 1 + front}, 1) // +x
	right.quad([3]float64{1, 0, -1}, [3]float64{0, 0, 1 + front}, [3]float64{0, 2, 0}, 1) // -x
	var panel geometry
	panel.quad([3]float64{-0.25, 1.998, -0.25}, [3]float64{0.5, 0, 0}, [3]float64{0, 0, 0.5}, 1) // down

	var cube geometry
	cube.box([3]float64{-0.5, 0, -0.5}, [3]float64{0.5, 1, 0.5})
	cubeMesh := addMesh(doc, "box", &cube, white)

	room := []int{
		addNode(doc, &gltf.Node{Name: "walls", Mesh: gltf.Index(addMesh(doc, "walls", &walls, white))}),
		addNode(doc, &gltf.Node{Name: "left", Mesh: gltf.Index(addMesh(doc, "left", &left, red))}),
		addNode(doc, &gltf.Node{Name: "right", Mesh: gltf.Index(addMesh(doc, "right", &right, green))}),
		addNode(doc, &gltf.Node{Name: "light", Mesh: gltf.Index(addMesh(doc, "light", &panel, light))}),
	}
	// The boxes hang under a parent node, to exercise the hierarchy.
	tall := addNode(doc, &gltf.Node{Name: "tall box", Mesh: gltf.Index(cubeMesh),
		Translation: [3]float64{-0.33, 0, -0.35}, Rotation: yaw(0.3), Scale: [3]float64{0.58, 1.2, 0.58}})
	short := addNode(doc, &gltf.Node{Name: "short box", Mesh: gltf.Index(cubeMesh),
		Translation: [3]float64{0.35, 0, 0.3}, Rotation: yaw(-0.3), Scale: [3]float64{0.58, 0.6, 0.58}})
	furniture := addNode(doc, &gltf.Node{Name: "furniture", Children: []int{tall, short}})
	cam := addCamera(doc, [3]float64{0, 1, front - 0.05}, [3]float64{0, 1, -1}, 0.75)
	doc.Scenes[0].Nodes = append(room, furniture, cam)
	return doc, nil
}

// spheres is a gold sphere, a glass sphere and a diffuse sphere on a
// checkered plane, under a point light and the sky.
func spheres() (*gltf.Document, error) {
	doc := newDoc()
	tex, err := checker(doc, 64, 8, color.NRGBA{200, 200, 200, 255}, color.NRGBA{40, 40, 40, 255})
	if err != nil {
		return nil, err
	}
	floor := addMaterial(doc, material{name: "checker", color: [3]float64{1, 1, 1}, roughness: 0.9, texture: &tex})
	gold := addMaterial(doc, material{name: "gold", color: [3]float64{1, 0.78, 0.34}, metallic: 1, roughness: 0.2})
	glass := addMaterial(doc, material{name: "glass", color: [3]float64{1, 1, 1}, roughness: 0, transmission: 1, ior: 1.5})
	clay := addMaterial(doc, material{name: "clay", color: [3]float64{0.7, 0.25, 0.2}, roughness: 0.8})

	var plane geometry
	plane.quad([3]float64{-5, 0, -5}, [3]float64{0, 0, 10}, [3]float64{10, 0, 0}, 5)
	var ball geometry
	ball.sphere(0.5, 20, 40)

	nodes := []int{addNode(doc, &gltf.Node{Name: "floor", Mesh: gltf.Index(addMesh(doc, "floor", &plane, floor))})}
	for i, m := range []int{gold, glass, clay} {
		mesh := addMesh(doc, doc.Materials[m].Name, &ball, m)
		nodes = append(nodes, addNode(doc, &gltf.Node{Name: doc.Materials[m].Name, Mesh: gltf.Index(mesh),
			Translation: [3]float64{float64(i-1) * 1.15, 0.5, 0}}))
	}
	addLights(doc, map[string]any{"type": "point", "name": "lamp", "color": []float64{1, 0.95, 0.85}, "intensity": 30})
	nodes = append(nodes, lightNode(doc, "lamp", 0, [3]float64{2, 4, 2.5}, [4]float64{0, 0, 0, 1}))
	nodes = append(nodes, addCamera(doc, [3]float64{0, 1.3, 3.6}, [3]float64{0, 0.4, 0}, 0.65))
	doc.Scenes[0].Nodes = nodes
	return doc, nil
}

// anim is one second at 24 fps: a box slides and turns across a checkered
// floor while the camera dollies and pans, under a sun and the sky. Frame
// 24 is at t = 23/24 s, the last key.
func anim() (*gltf.Document, error) {
	doc := newDoc()
	tex, err := checker(doc, 64, 8, color.NRGBA{210, 210, 210, 255}, color.NRGBA{60, 70, 90, 255})
	if err != nil {
		return nil, err
	}
	floor := addMaterial(doc, material{name: "checker", color: [3]float64{1, 1, 1}, roughness: 0.9, texture: &tex})
	orange := addMaterial(doc, material{name: "orange", color: [3]float64{0.9, 0.4, 0.1}, roughness: 0.5})
	steel := addMaterial(doc, material{name: "steel", color: [3]float64{0.8, 0.8, 0.85}, metallic: 1, roughness: 0.3})

	var plane geometry
	plane.quad([3]float64{-6, 0, -6}, [3]float64{0, 0, 12}, [3]float64{12, 0, 0}, 6)
	var cube geometry
	cube.box([3]float64{-0.4, 0, -0.4}, [3]float64{0.4, 0.8, 0.4})
	var ball geometry
	ball.sphere(0.35, 12, 24)

	box := addNode(doc, &gltf.Node{Name: "box", Mesh: gltf.Index(addMesh(doc, "box", &cube, orange)),
		Translation: [3]float64{-1.5, 0, 0}})
	sphere := addNode(doc, &gltf.Node{Name: "ball", Mesh: gltf.Index(addMesh(doc, "ball", &ball, steel)),
		Translation: [3]float64{0.9, 0.35, -0.8}})
	nodes := []int{
		addNode(doc, &gltf.Node{Name: "floor", Mesh: gltf.Index(addMesh(doc, "floor", &plane, floor))}),
		box, sphere,
	}
	addLights(doc, map[string]any{"type": "directional", "name": "sun", "color": []float64{1, 0.95, 0.9}, "intensity": 2.5})
	nodes = append(nodes, lightNode(doc, "sun", 0, [3]float64{0, 5, 0}, lookAt([3]float64{0, 0, 0}, [3]float64{-0.5, -1, -0.4})))
	camEye0, camEye1 := [3]float64{-1.2, 1.6, 4}, [3]float64{1.4, 1.1, 3.4}
	cam := addCamera(doc, camEye0, [3]float64{-0.5, 0.4, 0}, 0.7)
	nodes = append(nodes, cam)
	doc.Scenes[0].Nodes = nodes

	const end = 23.0 / 24
	times := modeler.WriteAccessor(doc, gltf.TargetNone, []float32{0, end / 2, end})
	vec := func(v ...[3]float64) int {
		out := make([][3]float32, len(v))
		for i := range v {
			out[i] = f32(v[i])
		}
		return modeler.WriteAccessor(doc, gltf.TargetNone, out)
	}
	quat := func(q ...[4]float64) int {
		out := make([][4]float32, len(q))
		for i := range q {
			out[i] = [4]float32{float32(q[i][0]), float32(q[i][1]), float32(q[i][2]), float32(q[i][3])}
		}
		return modeler.WriteAccessor(doc, gltf.TargetNone, out)
	}
	a := &gltf.Animation{Name: "move"}
	channel := func(node int, path gltf.TRSProperty, interp gltf.Interpolation, output int) {
		a.Samplers = append(a.Samplers, &gltf.AnimationSampler{Input: times, Output: output, Interpolation: interp})
		a.Channels = append(a.Channels, &gltf.AnimationChannel{Sampler: len(a.Samplers) - 1,
			Target: gltf.AnimationChannelTarget{Node: gltf.Index(node), Path: path}})
	}
	channel(box, gltf.TRSTranslation, gltf.InterpolationLinear, vec([3]float64{-1.5, 0, 0}, [3]float64{0, 0, 0.4}, [3]float64{1.5, 0, 0}))
	channel(box, gltf.TRSRotation, gltf.InterpolationLinear, quat(yaw(0), yaw(math.Pi/4), yaw(math.Pi/2)))
	// A STEP channel: the ball shrinks halfway through.
	channel(sphere, gltf.TRSScale, gltf.InterpolationStep, vec([3]float64{1, 1, 1}, [3]float64{0.7, 0.7, 0.7}, [3]float64{0.7, 0.7, 0.7}))
	mid := [3]float64{0.1, 1.4, 3.9}
	channel(cam, gltf.TRSTranslation, gltf.InterpolationLinear, vec(camEye0, mid, camEye1))
	channel(cam, gltf.TRSRotation, gltf.InterpolationLinear, quat(
		lookAt(camEye0, [3]float64{-0.5, 0.4, 0}),
		lookAt(mid, [3]float64{0, 0.4, 0}),
		lookAt(camEye1, [3]float64{0.5, 0.4, 0})))
	doc.Animations = append(doc.Animations, a)
	return doc, nil
}
