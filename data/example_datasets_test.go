package data_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/selfsup/selfsup/data"
)

func ExampleNewImageFolder() {
	root, _ := os.MkdirTemp("", "imagefolder")
	defer os.RemoveAll(root)
	for _, f := range []string{"dog/1.jpg", "cat/b.PNG", "cat/a.jpg", "cat/notes.txt"} {
		p := filepath.Join(root, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("not decoded here"), 0o644)
	}
	ds, err := data.NewImageFolder(root)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ds.Classes(), ds.ClassToIdx["dog"])
	for i := 0; i < ds.Len(); i++ {
		s, _ := ds.Item(i)
		rel, _ := filepath.Rel(root, s.Path)
		fmt.Println(rel, s.Label, len(s.Encoded))
	}
	// Output:
	// [cat dog] 1
	// cat/a.jpg 0 16
	// cat/b.PNG 0 16
	// dog/1.jpg 1 16
}

func ExampleStratifiedSubset() {
	// 90 samples of class 0, 9 of class 1, 1 of class 2: keep 10% of each,
	// at least one.
	var labels []int
	for i := 0; i < 100; i++ {
		switch {
		case i < 90:
			labels = append(labels, 0)
		case i < 99:
			labels = append(labels, 1)
		default:
			labels = append(labels, 2)
		}
	}
	picked := data.StratifiedSubset(labels, 0.1, 2020)
	count := map[int]int{}
	for _, i := range picked {
		count[labels[i]]++
	}
	fmt.Println(len(picked), count)
	// Output: 11 map[0:9 1:1 2:1]
}

func ExampleConvertChannels() {
	rgb := &data.Image{H: 1, W: 2, C: 3, Pix: []uint8{255, 0, 0, 0, 0, 255}}
	gray, _ := data.ConvertChannels(rgb, 1)
	fmt.Println(gray, gray.Pix)
	back, _ := data.ConvertChannels(gray, 3)
	fmt.Println(back.Pix)
	// Output:
	// 1x2x1 image [76 29]
	// [76 76 76 29 29 29]
}

func ExampleTo8Bit() {
	fmt.Println(data.To8Bit([]uint16{0, 128, 129, 32768, 65535}))
	// Output: [0 0 1 128 255]
}

func ExampleNewCSVManifest() {
	dir, _ := os.MkdirTemp("", "manifest")
	defer os.RemoveAll(dir)
	for _, f := range []string{"p1.png", "p2.png"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	csv := "Path,Edema,Effusion\np1.png,1.0,-1.0\np2.png,,0.0\n"
	os.WriteFile(filepath.Join(dir, "train.csv"), []byte(csv), 0o644)
	ds, err := data.NewCSVManifest(filepath.Join(dir, "train.csv"), data.CSVOptions{Uncertain: data.UncertainOnes})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ds.Classes())
	for i := 0; i < ds.Len(); i++ {
		s, _ := ds.Item(i)
		fmt.Println(filepath.Base(s.Path), s.Label, s.Labels)
	}
	// Output:
	// [Edema Effusion]
	// p1.png -1 [1 1]
	// p2.png -1 [0 0]
}
