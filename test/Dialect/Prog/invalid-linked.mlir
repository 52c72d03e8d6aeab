// RUN: npc-opt %s -split-input-file -verify-diagnostics

// The ops of a linked program (npc-link-program) check their own fields and
// every number that names a tensor, layer, tile or transfer.

// expected-error @+1 {{'prog.frame' op needs cycles >= 0 and a period of at least 1 cycle}}
prog.frame {cycles = 10 : i64, period = 0 : i64}

// -----

prog.frame {cycles = 10 : i64, period = 10 : i64}
// expected-error @+1 {{'prog.frame' op is a second prog.frame: a module links one program}}
prog.frame {cycles = 10 : i64, period = 10 : i64}

// -----

// expected-error @+1 {{'prog.tensor' op kind 'uint7' is not an element kind}}
prog.tensor {kind = "uint7", producer = -1 : i64, shape = array<i64: 1, 8>}

// -----

// expected-error @+1 {{'prog.tensor' op constant has 3 values for 8 elements}}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 8>, constant = array<i32: 1, 2, 3>}

// -----

// The geometry is checked as the artifact's manifest checks it.
// expected-error @+1 {{'prog.layer' op geometry.kind: unknown layer kind 99}}
prog.layer "bad" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 99 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
}

// -----

// expected-error @+1 {{'prog.layer' op has 2 inputs, 1 input_reshaped flags and a geometry of 1 operands}}
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0, 0>, output = 1 : i64} {
}

// -----

prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op param_layout needs 10 values}}
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0>, start = 2 : i64}
}

// -----

prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op needs one input box, address and copy count per layer input (1)}}
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8, 16>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}

// -----

// A tensor's producer must be the layer that writes it.
prog.frame {cycles = 5 : i64, period = 5 : i64}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
// expected-error @+1 {{'prog.layer' op writes tensor 1, whose producer is layer -1}}
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
}

// -----

// A transfer into tile (0, 1) of a layer with one tile.
prog.frame {cycles = 5 : i64, period = 5 : i64}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.tensor {kind = "uint8", producer = 0 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}
// expected-error @+1 {{'prog.transfer' op names a (layer, tile) the module does not have}}
prog.transfer {arrive = 2 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, bytes = 8 : i64, consumer = array<i64: 0, 1>, dst = 0 : i64, id = 0 : i64, noc = 0 : i64, operand = 0 : i64, producer = array<i64: -1, -1>, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}

// -----

// The same field checks as noc.transfer's.
// expected-error @+1 {{'prog.transfer' op noc 4 is not one of the four NoCs}}
prog.transfer {arrive = 2 : i64, box = array<i64: 0, 8>, bytes = 8 : i64, consumer = array<i64: 0, 0>, dst = 0 : i64, id = 0 : i64, noc = 4 : i64, operand = 0 : i64, producer = array<i64: -1, -1>, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}

// -----

// The linked form names tiles by (layer, tile), as the artifact does.
// expected-error @+1 {{'prog.transfer' op producer and consumer are (layer, tile)}}
prog.transfer {arrive = 2 : i64, box = array<i64: 0, 8>, bytes = 8 : i64, consumer = array<i64: 0>, dst = 0 : i64, id = 0 : i64, noc = 0 : i64, operand = 0 : i64, producer = array<i64: -1, -1>, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}

// -----

// expected-error @+1 {{'prog.host' op host kind and float conversion disagree}}
prog.host "x" {axis = -1 : i64, converts_float = true, host_kind = "uint8", scales = array<f64: 0.5>, shape = array<i64: 1, 8>, storage_max = 255 : i64, storage_min = 0 : i64, tensor = 0 : i64, zero_points = array<i64: 0>}

// -----

// expected-error @+1 {{'prog.core' op memory must be a 1-D i8 tensor with its bytes (dense or dense_resource with a blob)}}
prog.core attributes {core = 0 : i64, memory = dense<[1, 2]> : tensor<2xi32>} {
}

// -----

// expected-error @+1 {{'prog.core' op the frame buffer (core -1) has no memory image}}
prog.core attributes {core = -1 : i64, memory = dense<[1, 2]> : tensor<2xi8>} {
}

// -----

// A negative dimension.
// expected-error @+1 {{'prog.tensor' op has a bad dimension -1}}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, -1>}

// -----

// More elements than an artifact may hold.
// expected-error @+1 {{'prog.tensor' op is too large}}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1048576, 1048576, 1048576>}

// -----

// A producer below -1.
// expected-error @+1 {{'prog.tensor' op producer must be a layer number or -1 (the frame buffer)}}
prog.tensor {kind = "uint8", producer = -2 : i64, shape = array<i64: 8>}

// -----

// A tensor produced by a layer the module does not have.
prog.frame {cycles = 5 : i64, period = 5 : i64}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
// expected-error @+1 {{'prog.tensor' op is produced by layer 3; the module has 0 layers}}
prog.tensor {kind = "uint8", producer = 3 : i64, shape = array<i64: 1, 1, 1, 8>}

// -----

// A layer writing a tensor the module does not have.
prog.frame {cycles = 5 : i64, period = 5 : i64}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
// expected-error @+1 {{'prog.layer' op writes tensor 5; the module has 1 tensors}}
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 5 : i64} {
}

// -----

// A transfer of a tensor the module does not have.
prog.frame {cycles = 5 : i64, period = 5 : i64}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.tensor {kind = "uint8", producer = 0 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}
// expected-error @+1 {{'prog.transfer' op moves tensor 4; the module has 2 tensors}}
prog.transfer {arrive = 2 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, bytes = 8 : i64, consumer = array<i64: 0, 0>, dst = 0 : i64, id = 0 : i64, noc = 0 : i64, operand = 0 : i64, producer = array<i64: -1, -1>, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 4 : i64}

// -----

// A transfer into an operand the layer does not have.
prog.frame {cycles = 5 : i64, period = 5 : i64}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.tensor {kind = "uint8", producer = 0 : i64, shape = array<i64: 1, 1, 1, 8>}
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}
// expected-error @+1 {{'prog.transfer' op operand 1 is not an input of layer 0}}
prog.transfer {arrive = 2 : i64, box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, bytes = 8 : i64, consumer = array<i64: 0, 0>, dst = 0 : i64, id = 0 : i64, noc = 0 : i64, operand = 1 : i64, producer = array<i64: -1, -1>, route = array<i64: 16>, src = -1 : i64, start = 0 : i64, tensor = 0 : i64}

// -----

// A host boundary on a tensor the module does not have.
prog.frame {cycles = 5 : i64, period = 5 : i64}
prog.tensor {kind = "uint8", producer = -1 : i64, shape = array<i64: 1, 1, 1, 8>}
// expected-error @+1 {{'prog.host' op names tensor 2; the module has 1 tensors}}
prog.host "x" {axis = -1 : i64, converts_float = true, host_kind = "float32", scales = array<f64: 0.5>, shape = array<i64: 1, 8>, storage_max = 255 : i64, storage_min = 0 : i64, tensor = 2 : i64, zero_points = array<i64: 0>}

// -----

// A host element kind that is none.
// expected-error @+1 {{'prog.host' op host_kind 'float7' is not an element kind}}
prog.host "x" {axis = -1 : i64, converts_float = true, host_kind = "float7", scales = array<f64: 0.5>, shape = array<i64: 1, 8>, storage_max = 255 : i64, storage_min = 0 : i64, tensor = 0 : i64, zero_points = array<i64: 0>}

// -----

// An axis below -1.
// expected-error @+1 {{'prog.host' op axis must be >= -1 (-1: per tensor)}}
prog.host "x" {axis = -2 : i64, converts_float = true, host_kind = "float32", scales = array<f64: 0.5>, shape = array<i64: 1, 8>, storage_max = 255 : i64, storage_min = 0 : i64, tensor = 0 : i64, zero_points = array<i64: 0>}

// -----

// A float conversion with scales and zero points of different counts.
// expected-error @+1 {{'prog.host' op scales and zero points must match}}
prog.host "x" {axis = -1 : i64, converts_float = true, host_kind = "float32", scales = array<f64: 0.5, 0.25>, shape = array<i64: 1, 8>, storage_max = 255 : i64, storage_min = 0 : i64, tensor = 0 : i64, zero_points = array<i64: 0>}

// -----

// A frame inside another op.
func.func @f() {
  // expected-error @+1 {{'prog.frame' op belongs at the top of a module}}
  prog.frame {cycles = 5 : i64, period = 5 : i64}
  return
}

// -----

// A tile on a negative core.
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op core must be a core of the grid (>= 0)}}
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = -1 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}

// -----

// An output box with hi below lo.
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op box needs lo and hi bounds with 0 <= lo <= hi}}
  prog.tile {box = array<i64: 0, 0, 0, 8, 1, 1, 1, 0>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}

// -----

// An input box of odd length.
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op input_boxes must be boxes (lo and hi bounds, 0 <= lo <= hi)}}
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}

// -----

// No copy of the output.
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op needs at least one copy of each buffer}}
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 0 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}

// -----

// A negative address.
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op buffer addresses must be >= 0}}
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 3 : i64, input_addrs = array<i64: -8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}

// -----

// A tile that ends before it starts.
prog.layer "rescale" attributes {geometry = {axis = 0 : i64, clamp_hi = 255 : i64, clamp_lo = 0 : i64, count_include_pad = false, dilations = array<i64: 1, 1>, group = 1 : i64, input_shapes = [array<i64: 1, 1, 1, 8>], input_zero_points = array<i64: 10>, kernel = array<i64: 1, 1>, kind = 6 : i64, operand_bits = 8 : i64, output_shape = array<i64: 1, 1, 1, 8>, output_zero_point = 10 : i64, pads = array<i64: 0, 0, 0, 0>, perm = [], quantized_output = true, strides = array<i64: 1, 1>, weight_shape = []}, input_reshaped = array<i1: false>, inputs = array<i64: 0>, output = 1 : i64} {
  // expected-error @+1 {{'prog.tile' op needs 0 <= start <= end and macs >= 0}}
  prog.tile {box = array<i64: 0, 0, 0, 0, 1, 1, 1, 8>, core = 0 : i64, end = 1 : i64, input_addrs = array<i64: 8>, input_boxes = [array<i64: 0, 0, 0, 0, 1, 1, 1, 8>], input_copies = array<i64: 1>, macs = 8 : i64, out_addr = 16 : i64, out_copies = 1 : i64, param_addr = 0 : i64, param_layout = array<i64: 2, 0, 0, 0, 0, 0, 1, 4, 1, 8>, start = 2 : i64}
}
