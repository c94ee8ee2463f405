package io.kubenas.trainer.dsnas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.kubenas.trainer.devices.Gradients;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum for the network weights, with PyTorch's semantics ({@code torch.optim.SGD}, no
 * dampening, no Nesterov): d = g + wd·w (wd only on convolution and linear weights, never on BatchNorm γ/β),
 * buf ← momentum·buf + d (buf = d the first time), w ← w − lr·buf.
 *
 * <p>Only the parameters handed to {@link #update} move — those the sampled path used. The others keep
 * their weights <em>and</em> their momentum buffers untouched, as PyTorch does for a parameter whose grad
 * is None: an unsampled candidate must not drift on stale momentum.
 *
 * <p>The update runs as DJL's fused {@code sgdUpdate} (one native call per parameter instead of half a
 * dozen: it matters with a hundred small tensors per step). That kernel keeps the learning rate inside the
 * buffer (MXNet's convention): s ← μ·s + lr·d, w ← w − s. Storing s = lr_last·buf and passing
 * μ = momentum·lr/lr_last, where lr_last is the rate of the parameter's previous update, gives exactly
 * PyTorch's step with a changing learning rate. (At rate 0 nothing moves and the buffer is left as it was,
 * where PyTorch would still accumulate into it; the schedules here never reach 0.)
 */
public final class MomentumSgd implements AutoCloseable {
    private final NDManager stateManager;
    private final double momentum;
    private final double weightDecay;
    private final Map<Parameter, String> names = new IdentityHashMap<>();
    private final List<Parameter> order = new ArrayList<>();
    private final Map<Parameter, NDArray> buffers = new IdentityHashMap<>();
    private final Map<Parameter, Double> lastRates = new IdentityHashMap<>();

    /**
     * @param network the block whose parameters this optimizer may update (names its buffers in checkpoints)
     * @param manager where the momentum buffers live (a sub-manager of it; on the parameters' device)
     */
    public MomentumSgd(Block network, NDManager manager, double momentum, double weightDecay) {
        this.stateManager = manager.newSubManager();
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        for (Pair<String, Parameter> p : network.getParameters()) {
            names.put(p.getValue(), p.getKey());
            order.add(p.getValue());
        }
    }

    /** Weight decay applies to convolution and linear weights only; BatchNorm γ/β and biases are exempt. */
    public static boolean decays(Parameter parameter) {
        return parameter.getType() == Parameter.Type.WEIGHT;
    }

    /**
     * One step on {@code parameters} (those without gradient, such as BatchNorm running statistics, are
     * skipped) at learning rate {@code learningRate}; their gradients are zeroed afterwards.
     */
    public void update(List<Parameter> parameters, double learningRate) {
        for (Parameter parameter : parameters) {
            if (!parameter.requiresGradient()) {
                continue;
            }
            if (learningRate == 0) {
                // Nothing moves at rate 0, and s = 0·buf could not carry the buffer on: leave it as it is.
                Gradients.discard(List.of(parameter));
                continue;
            }
            NDArray weight = parameter.getArray();
            NDArray state = buffers.get(parameter);
            double carried;
            if (state == null) {
                state = stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
                buffers.put(parameter, state);
                // s is zero, so any non-zero factor gives s = lr·d, i.e. buf = d; zero would skip the buffer.
                carried = momentum == 0 ? 0 : 1;
            } else {
                carried = momentum * learningRate / lastRates.get(parameter);
            }
            try (NDArray grad = weight.getGradient()) {
                // s ← carried·s + lr·(g + wd·w); w ← w − s; then the gradient is zeroed.
                weight.getNDArrayInternal().sgdUpdate(new NDList(weight, grad, state), new NDList(weight),
                        (float) learningRate, decays(parameter) ? (float) weightDecay : 0f, 1f, -1f, (float) carried, false);
            }
            lastRates.put(parameter, learningRate);
        }
    }

    /**
     * The momentum buffer of a parameter in PyTorch's convention (a new array the caller closes), or null
     * while the parameter has never been updated.
     */
    public NDArray buffer(Parameter parameter) {
        NDArray state = buffers.get(parameter);
        if (state == null) {
            return null;
        }
        return state.div(lastRates.get(parameter));
    }

    public int bufferCount() {
        return buffers.size();
    }

    /** Writes every buffer with its last rate, by parameter path in network order (exact, deterministic bytes). */
    public void write(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(buffers.size());
        for (Parameter p : order) {
            NDArray state = buffers.get(p);
            if (state != null) {
                out.writeUTF(names.get(p));
                out.writeDouble(lastRates.get(p));
                byte[] encoded = state.encode();
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        }
        out.flush();
    }

    /** Replaces the buffers with those written by {@link #write} for the same network. */
    public void read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        Map<String, Parameter> byName = new HashMap<>();
        names.forEach((p, n) -> byName.put(n, p));
        for (NDArray b : buffers.values()) {
            b.close();
        }
        buffers.clear();
        lastRates.clear();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            double lastRate = in.readDouble();
            byte[] encoded = new byte[in.readInt()];
            in.readFully(encoded);
            Parameter p = byName.get(name);
            if (p == null) {
                throw new IOException("momentum buffer for unknown parameter " + name);
            }
            NDArray state = NDArray.decode(stateManager, encoded);
            NDArray onDevice = state.toDevice(p.getArray().getDevice(), false);
            if (onDevice != state) {
                onDevice.attach(stateManager);
                state.close();
            }
            buffers.put(p, onDevice);
            lastRates.put(p, lastRate);
        }
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
