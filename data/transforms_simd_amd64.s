#include "textflag.h"

// func cpuid(leaf, sub uint32) (a, b, c, d uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, a+8(FP)
	MOVL BX, b+12(FP)
	MOVL CX, c+16(FP)
	MOVL DX, d+20(FP)
	RET

// func xgetbv0() (lo, hi uint32)
TEXT ·xgetbv0(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, lo+0(FP)
	MOVL DX, hi+4(FP)
	RET

// func axpyPairAVX2(acc, lo, hi *float32, n int, w float32)
// acc[i] += w*(lo[i]+hi[i]) for i < n, n a multiple of 8.
TEXT ·axpyPairAVX2(SB), NOSPLIT, $0-36
	MOVQ acc+0(FP), DI
	MOVQ lo+8(FP), SI
	MOVQ hi+16(FP), DX
	MOVQ n+24(FP), CX
	VBROADCASTSS w+32(FP), Y0
	XORQ AX, AX
	CMPQ CX, $0
	JLE done
loop:
	VMOVUPS (SI)(AX*4), Y1
	VADDPS (DX)(AX*4), Y1, Y1
	VMOVUPS (DI)(AX*4), Y2
	VFMADD231PS Y1, Y0, Y2
	VMOVUPS Y2, (DI)(AX*4)
	ADDQ $8, AX
	CMPQ AX, CX
	JLT loop
done:
	VZEROUPPER
	RET

// func scaleAVX2(dst, src *float32, n int, w float32)
// dst[i] = w*src[i] for i < n, n a multiple of 8.
TEXT ·scaleAVX2(SB), NOSPLIT, $0-28
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS w+24(FP), Y0
	XORQ AX, AX
	CMPQ CX, $0
	JLE sdone
sloop:
	VMULPS (SI)(AX*4), Y0, Y1
	VMOVUPS Y1, (DI)(AX*4)
	ADDQ $8, AX
	CMPQ AX, CX
	JLT sloop
sdone:
	VZEROUPPER
	RET

// func lerp2AVX2(out *uint8, r0, r1 *float32, n int, w0, w1 float32)
// out[i] = uint8(round-half-even(r0[i]*w0 + r1[i]*w1)), the product r1*w1
// rounded and the rest fused, saturated to [0, 255]; n a multiple of 8.
TEXT ·lerp2AVX2(SB), NOSPLIT, $0-40
	MOVQ out+0(FP), DI
	MOVQ r0+8(FP), SI
	MOVQ r1+16(FP), DX
	MOVQ n+24(FP), CX
	VBROADCASTSS w0+32(FP), Y0
	VBROADCASTSS w1+36(FP), Y1
	XORQ AX, AX
	CMPQ CX, $0
	JLE ldone
lloop:
	VMULPS (DX)(AX*4), Y1, Y2
	VMOVUPS (SI)(AX*4), Y3
	VFMADD231PS Y3, Y0, Y2
	VCVTPS2DQ Y2, Y2
	VEXTRACTI128 $1, Y2, X3
	VPACKUSDW X3, X2, X2
	VPACKUSWB X2, X2, X2
	MOVQ X2, (DI)(AX*1)
	ADDQ $8, AX
	CMPQ AX, CX
	JLT lloop
ldone:
	VZEROUPPER
	RET

// func cubic4AVX2(out *uint8, r0, r1, r2, r3 *float32, n int, w0, w1, w2, w3 float32)
// out[i] = uint8(round-half-even(((r0*w0 + r1*w1) + r2*w2) + r3*w3)),
// every operation rounded to float32, saturated to [0, 255]; n a multiple
// of 8.
TEXT ·cubic4AVX2(SB), NOSPLIT, $0-64
	MOVQ out+0(FP), DI
	MOVQ r0+8(FP), SI
	MOVQ r1+16(FP), DX
	MOVQ r2+24(FP), R8
	MOVQ r3+32(FP), R9
	MOVQ n+40(FP), CX
	VBROADCASTSS w0+48(FP), Y0
	VBROADCASTSS w1+52(FP), Y1
	VBROADCASTSS w2+56(FP), Y4
	VBROADCASTSS w3+60(FP), Y5
	XORQ AX, AX
	CMPQ CX, $0
	JLE cdone
cloop:
	VMULPS (SI)(AX*4), Y0, Y2
	VMULPS (DX)(AX*4), Y1, Y3
	VADDPS Y3, Y2, Y2
	VMULPS (R8)(AX*4), Y4, Y3
	VADDPS Y3, Y2, Y2
	VMULPS (R9)(AX*4), Y5, Y3
	VADDPS Y3, Y2, Y2
	VCVTPS2DQ Y2, Y2
	VEXTRACTI128 $1, Y2, X3
	VPACKUSDW X3, X2, X2
	VPACKUSWB X2, X2, X2
	MOVQ X2, (DI)(AX*1)
	ADDQ $8, AX
	CMPQ AX, CX
	JLT cloop
cdone:
	VZEROUPPER
	RET
