package io.v2e.process.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One instance per factory configuration of {@value #FACTORY_PID}: FileInstall turns
 * {@code etc/io.v2e.process-NAME.cfg} into the configuration {@code io.v2e.process~NAME} (it splits
 * a file name at its first '-'), a new file starts the service, an edit restarts it with the new
 * settings, a deletion stops it. Raw properties are handed to the {@link Supervisor}, which checks
 * them ({@code ConfigCheck}) before converting, so a bad value is refused with a clear message and
 * this component never fails. Threading: SCR threads.
 */
@Component(configurationPid = ServiceComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = ProcessConfig.class, factory = true)
public final class ServiceComponent {

    static final String FACTORY_PID = "io.v2e.process";
    private static final String FILE_PREFIX = FACTORY_PID + "-";

    @Reference
    private Supervisor supervisor;
    private String name;

    @Activate
    void activate(Map<String, Object> props) {
        name = nameOf(props);
        supervisor.configure(name, props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        String next = nameOf(props);
        if (!next.equals(name)) {
            supervisor.unconfigure(name);
            name = next;
        }
        supervisor.configure(name, props);
    }

    @Deactivate
    void deactivate() {
        supervisor.unconfigure(name);
    }

    /**
     * The {@code name} property; else the configuration PID's part after '~'; else the NAME of the
     * file io.v2e.process-NAME.cfg; else the PID itself.
     */
    static String nameOf(Map<String, ?> props) {
        Object explicit = props.get("name");
        if (explicit instanceof String && !((String) explicit).isBlank()) {
            return ((String) explicit).trim();
        }
        Object pid = props.get("service.pid");
        if (pid instanceof String && ((String) pid).indexOf('~') > 0) {
            return ((String) pid).substring(((String) pid).indexOf('~') + 1);
        }
        Object file = props.get("felix.fileinstall.filename");
        if (file instanceof String) {
            String f = (String) file;
            String base = f.substring(f.lastIndexOf('/') + 1);
            if (base.startsWith(FILE_PREFIX) && base.lastIndexOf('.') > FILE_PREFIX.length()) {
                return base.substring(FILE_PREFIX.length(), base.lastIndexOf('.'));
            }
        }
        return String.valueOf(pid);
    }
}
