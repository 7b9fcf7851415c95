# libtorch.mk finds a libtorch to build the shim against. In order:
#
#   LIBTORCH=/dir          a libtorch zip, or a pip PyTorch's torch/ folder
#                          (include/ and lib/ inside it)
#   TORCH_PYTHON=/python3  asks that interpreter's torch for its paths and ABI
#   Debian libtorch-dev    headers under /usr/include, libraries in the
#                          multiarch lib dir
#
# It sets TORCH_FOUND (the source that was used, empty when none), TORCH_INCDIRS,
# TORCH_LIBDIR, TORCH_CXX11_ABI (0 or 1) and TORCH_CUDA (1 when libtorch_cuda
# is present). Nothing here fails: the shim rule reports a missing libtorch,
# so that `make deps` works before libtorch is installed.

DEBIAN_LIBDIR := /usr/lib/$(shell gcc -print-multiarch 2>/dev/null)

ifneq ($(LIBTORCH),)
  # Absolute, so that the rpath written into the shim holds from anywhere.
  TORCH_ROOT    := $(abspath $(LIBTORCH))
  TORCH_FOUND   := LIBTORCH=$(TORCH_ROOT)
  TORCH_INCDIRS := $(TORCH_ROOT)/include $(TORCH_ROOT)/include/torch/csrc/api/include
  TORCH_LIBDIR  := $(TORCH_ROOT)/lib
else ifneq ($(TORCH_PYTHON),)
  # One probe prints "torch_dir|abi". The paths follow from the package's
  # folder (torch.utils.cpp_extension would need setuptools, which recent
  # virtual environments lack).
  TORCH_PROBE := $(shell $(TORCH_PYTHON) -c 'import torch, os; print(os.path.dirname(torch.__file__) + "|" + str(int(torch._C._GLIBCXX_USE_CXX11_ABI)))' 2>/dev/null)
  ifneq ($(TORCH_PROBE),)
    TORCH_FOUND     := TORCH_PYTHON=$(TORCH_PYTHON)
    TORCH_FIELDS    := $(subst |, ,$(TORCH_PROBE))
    TORCH_DIR       := $(word 1,$(TORCH_FIELDS))
    TORCH_INCDIRS   := $(TORCH_DIR)/include $(TORCH_DIR)/include/torch/csrc/api/include
    TORCH_LIBDIR    := $(TORCH_DIR)/lib
    TORCH_CXX11_ABI := $(word 2,$(TORCH_FIELDS))
  endif
else ifneq ($(wildcard /usr/include/torch/csrc/api/include/torch/version.h),)
  ifneq ($(wildcard $(DEBIAN_LIBDIR)/libtorch_cpu.so),)
    TORCH_FOUND   := Debian libtorch-dev
    # /usr/include is searched already; naming it would break #include_next.
    TORCH_INCDIRS := /usr/include/torch/csrc/api/include
    TORCH_LIBDIR  := $(DEBIAN_LIBDIR)
  endif
endif

# A layout that was named but is not a libtorch is reported, not guessed at.
ifneq ($(TORCH_FOUND),)
  ifeq ($(wildcard $(addsuffix /torch/version.h,$(TORCH_INCDIRS))),)
    TORCH_PROBLEM := $(TORCH_FOUND): no torch/version.h under $(TORCH_INCDIRS); is this a libtorch (include/ and lib/ inside)?
  else ifeq ($(wildcard $(TORCH_LIBDIR)/libc10.so),)
    TORCH_PROBLEM := $(TORCH_FOUND): no libc10.so in $(TORCH_LIBDIR)
  endif
else ifneq ($(TORCH_PYTHON),)
  TORCH_PROBLEM := TORCH_PYTHON=$(TORCH_PYTHON) could not import torch
endif

# Without a Python to ask, the ABI is read off libc10's symbols: a C++11-ABI
# build exports std::__cxx11 names.
ifeq ($(TORCH_CXX11_ABI),)
  ifneq ($(TORCH_FOUND),)
    TORCH_CXX11_ABI := $(shell nm -DC $(TORCH_LIBDIR)/libc10.so 2>/dev/null | grep -q __cxx11 && echo 1 || echo 0)
  endif
endif

TORCH_CUDA := $(if $(wildcard $(TORCH_LIBDIR)/libtorch_cuda.so),1,0)

TORCH_CXXFLAGS := -std=c++17 -O2 -fPIC -D_GLIBCXX_USE_CXX11_ABI=$(TORCH_CXX11_ABI) \
                  $(addprefix -isystem ,$(filter-out /usr/include,$(TORCH_INCDIRS)))
# --no-as-needed: libtorch_cuda registers the CUDA backend from static
# initialisers; linked "as needed" it is dropped and CUDA is silently absent.
TORCH_LDLIBS := -L$(TORCH_LIBDIR) -Wl,-rpath,$(TORCH_LIBDIR) -Wl,--no-as-needed \
                $(if $(filter 1,$(TORCH_CUDA)),-ltorch_cuda -lc10_cuda) -ltorch -ltorch_cpu -lc10 \
                -Wl,--as-needed

TORCH_MISSING_HELP := no libtorch found. Install Debian's libtorch-dev (make deps), \
or set LIBTORCH=/path/to/libtorch (a libtorch zip or a pip PyTorch's torch/ folder), \
or set TORCH_PYTHON=/path/to/python3 whose torch to use.
