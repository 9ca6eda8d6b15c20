package org.item2vec.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop load: each connection is a thread that sends its next request as soon as the previous answer
 * has arrived, so the offered load adapts to the server and the latencies are those a fixed number of busy
 * clients would see. Requests are drawn at random from prepared ones. Only requests started after the
 * warm-up count.
 */
final class LoadGenerator {
    private final String host;
    private final int port;
    private final byte[][] requests;

    /**
     * What one run measured: requests answered 200 and the rest, and all their latencies.
     *
     * @param cpuNanos the CPU time the connections' threads used, warm-up included
     */
    record Result(int connections, double seconds, long ok, long errors, String firstError,
                  LatencyHistogram latencies, long cpuNanos) {
        double throughput() {
            return ok / seconds;
        }
    }

    LoadGenerator(String host, int port, byte[][] requests) {
        this.host = host;
        this.port = port;
        this.requests = requests;
    }

    Result run(int connections, int warmupSeconds, int measuredSeconds) throws InterruptedException {
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long measureUntil = measureFrom + TimeUnit.SECONDS.toNanos(measuredSeconds);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Client client = new Client(i, measureFrom, measureUntil);
            client.thread.start();
            clients.add(client);
        }
        LatencyHistogram latencies = new LatencyHistogram();
        long ok = 0;
        long errors = 0;
        String firstError = null;
        long cpuNanos = 0;
        for (Client client : clients) {
            client.thread.join();
            latencies.add(client.latencies);
            ok += client.ok;
            errors += client.errors;
            firstError = firstError != null ? firstError : client.firstError;
            cpuNanos += client.cpuNanos;
        }
        return new Result(connections, measuredSeconds, ok, errors, firstError, latencies, cpuNanos);
    }

    /** One connection and the thread driving it; its counts are read after the thread has ended. */
    private final class Client implements Runnable {
        private final Thread thread;
        private final SplittableRandom random;
        private final long measureFrom;
        private final long measureUntil;
        private final LatencyHistogram latencies = new LatencyHistogram();
        private long ok;
        private long errors;
        private String firstError;
        private long cpuNanos;

        Client(int number, long measureFrom, long measureUntil) {
            this.thread = new Thread(this, "load-" + number);
            this.random = new SplittableRandom(number);
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
        }

        @Override
        public void run() {
            KeepAliveConnection connection = null;
            long now = System.nanoTime();
            while (now < measureUntil) {
                byte[] request = requests[random.nextInt(requests.length)];
                long sent = now;
                int status = -1;
                String failure = null;
                try {
                    connection = connection != null ? connection : new KeepAliveConnection(host, port);
                    status = connection.exchange(request);
                } catch (IOException e) {
                    failure = e.toString();
                    connection = closeQuietly(connection);
                }
                now = System.nanoTime();
                if (sent >= measureFrom) {
                    count(status, failure, now - sent);
                }
            }
            closeQuietly(connection);
            cpuNanos = ThreadCpu.currentThread();
        }

        private void count(int status, String failure, long nanos) {
            if (status == 200) {
                ok++;
                latencies.record(nanos);
                return;
            }
            errors++;
            if (firstError == null) {
                firstError = failure != null ? failure : "status " + status;
            }
        }

        private KeepAliveConnection closeQuietly(KeepAliveConnection connection) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException e) {
                    // the connection is being abandoned anyway
                }
            }
            return null;
        }
    }
}
