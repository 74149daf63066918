# Staff console (training slice).
