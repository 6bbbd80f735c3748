package io.batos.cognition.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceTest {

    @Test
    void parsesTheFourForms() {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse("cuda")).isEqualTo(new Device(true, 0, false));
        assertThat(Device.parse("cuda:2")).isEqualTo(new Device(true, 2, false));
        assertThat(Device.parse("CUDA:1,cpu")).isEqualTo(new Device(true, 1, true));
        assertThat(Device.parse("cuda,cpu").runsOn()).isEqualTo("cuda:0");
        assertThat(Device.parse("cuda:1,cpu")).hasToString("cuda:1,cpu");
    }

    @Test
    void aMalformedDeviceIsOneLineNamingIt() {
        assertThatThrownBy(() -> Device.parse("gpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown device 'gpu' (expected cpu, cuda, cuda:N or cuda,cpu)");
        assertThatThrownBy(() -> Device.parse("cpu,cuda")).hasMessageContaining("'cpu,cuda'");
    }
}
