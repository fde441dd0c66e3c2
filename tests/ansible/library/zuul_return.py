#!/usr/bin/python3
# A stand-in for Zuul's zuul_return, for tests only: Zuul itself cannot be installed in the test
# environment, so this module records the data a playbook returns (as JSON, one object per
# call, one per line) to the file named by $LOGSTOW_TEST_ZUUL_RETURN, where the test reads it.
# Zuul's real zuul_return is an action plugin on the executor that merges the data into the
# build's result; its `data` argument has the same shape.
import json
import os

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(data=dict(type='dict', required=True)))
    path = os.environ['LOGSTOW_TEST_ZUUL_RETURN']
    with open(path, 'a') as out:
        out.write(json.dumps(module.params['data']) + '\n')
    module.exit_json(changed=True)


if __name__ == '__main__':
    main()
